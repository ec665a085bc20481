package rnnlab.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import rnnlab.spec.RunSpec;
import rnnlab.sweep.Work;

/**
 * How a sweep cuts its pending runs into stored batches, and each batch into Spark tasks, by the runs'
 * estimated cost: their training steps ({@link Work#trainingSteps}, what {@code validate} prints) times the
 * milliseconds per step measured on the batches trained so far, per engine and cell (before the first
 * measurement, the steps alone).
 *
 * <ul>
 *   <li>Runs go out longest first, so that the last tasks of a sweep are short and no core idles behind a
 *       long one.</li>
 *   <li>A task costs Spark a few milliseconds and a stored batch a Spark job and a write (tenths of a
 *       second), so cheap runs are packed: several to a task, up to {@link #CHEAP_TASK_MS} of estimated
 *       work and at most a quarter of a core's share of the batch; a run estimated above that keeps a task
 *       of its own. Until the first batch is measured every run is expensive.</li>
 *   <li>A batch holds at least {@code 4 x cores} runs and at least {@link #BATCH_MS_PER_CORE} of
 *       estimated work per core (or a twentieth of the sweep, up to a minute per core): few batches for a
 *       sweep of tiny runs, and a killed driver loses little of a long sweep.</li>
 * </ul>
 * Packing changes neither a run's numbers (each run is trained alone, from its own spec) nor what is
 * stored: one task's runs come back in one result, which Spark keeps once however often it ran the task.
 */
final class TaskPlan {

  /** Estimated work of a task of packed cheap runs, at most. */
  static final long CHEAP_TASK_MS = 250;
  /** Estimated work per core of a stored batch, at least. */
  static final long BATCH_MS_PER_CORE = 2_000;
  /** Estimated work per core of a stored batch, at most (unless a batch holds one run). */
  static final long BATCH_MS_PER_CORE_MAX = 60_000;

  private final int cores;
  private final int fixedBatchSize;
  private final List<RunSpec> runs;
  /** Measured training steps and milliseconds per engine and cell, and over all runs. */
  private final Map<String, long[]> measured = new HashMap<>();
  private final long[] overall = new long[2];
  private int next;

  /**
   * @param pending        the runs to train, in sweep order
   * @param cores          how many tasks run at once
   * @param fixedBatchSize runs per stored batch as the user asked ({@code --write-every}); 0 to plan
   */
  TaskPlan(List<RunSpec> pending, int cores, int fixedBatchSize) {
    this.cores = Math.max(1, cores);
    this.fixedBatchSize = fixedBatchSize;
    List<RunSpec> sorted = new ArrayList<>(pending);
    sorted.sort(Comparator.comparingLong(Work::trainingSteps).reversed()); // stable: ties keep sweep order
    this.runs = sorted;
  }

  /** True while runs are left to hand out. */
  boolean hasNext() {
    return next < runs.size();
  }

  /** Notes that {@code run} took {@code ms} in its task, to estimate the runs still to come. */
  void measured(RunSpec run, long ms) {
    long steps = Work.trainingSteps(run);
    long[] m = measured.computeIfAbsent(key(run), k -> new long[2]);
    m[0] += steps;
    m[1] += ms;
    overall[0] += steps;
    overall[1] += ms;
  }

  /** The next stored batch, as its tasks: each task a list of runs, longest task first. */
  List<List<RunSpec>> nextBatch() {
    int from = next;
    if (calibrated()) { // longest first by the measured speeds, which differ between cells
      runs.subList(from, runs.size()).sort(Comparator.comparingDouble(this::estimateMs).reversed());
    }
    int to;
    if (fixedBatchSize > 0) {
      to = Math.min(runs.size(), from + fixedBatchSize);
    } else {
      int minRuns = Math.max(4 * cores, calibrated() ? 0 : (runs.size() + 19) / 20);
      double target = calibrated() ? cores * Math.max(BATCH_MS_PER_CORE, Math.min(BATCH_MS_PER_CORE_MAX,
          remainingMs() / 20 / cores)) : 0;
      to = from;
      double sum = 0;
      while (to < runs.size() && (to - from < minRuns || sum < target)) {
        sum += estimateMs(runs.get(to++));
      }
    }
    next = to;
    return tasks(runs.subList(from, to));
  }

  /**
   * {@code batch} (longest first) as tasks: runs estimated at {@code cap} or more alone, the cheaper ones
   * packed in order into tasks of up to {@code cap}; tasks longest first.
   */
  List<List<RunSpec>> tasks(List<RunSpec> batch) {
    List<List<RunSpec>> tasks = new ArrayList<>();
    if (!calibrated()) {
      batch.forEach(r -> tasks.add(List.of(r)));
      return tasks;
    }
    double total = batch.stream().mapToDouble(this::estimateMs).sum();
    double cap = Math.min(CHEAP_TASK_MS, total / (4.0 * cores));
    List<RunSpec> open = new ArrayList<>();
    double openMs = 0;
    for (RunSpec r : batch) {
      double ms = estimateMs(r);
      if (!open.isEmpty() && openMs + ms > cap) {
        tasks.add(List.copyOf(open));
        open.clear();
        openMs = 0;
      }
      open.add(r);
      openMs += ms;
    }
    if (!open.isEmpty()) {
      tasks.add(List.copyOf(open));
    }
    tasks.sort(Comparator.comparingDouble((List<RunSpec> t) -> t.stream().mapToDouble(this::estimateMs)
        .sum()).reversed());
    return tasks;
  }

  /** Estimated milliseconds of {@code run}: its steps at the measured speed of its engine and cell. */
  double estimateMs(RunSpec run) {
    long[] m = measured.getOrDefault(key(run), overall);
    long[] basis = m[0] > 0 ? m : overall;
    return basis[0] == 0 ? 0 : Work.trainingSteps(run) * (double) basis[1] / basis[0];
  }

  private boolean calibrated() {
    return overall[0] > 0 && overall[1] > 0;
  }

  private double remainingMs() {
    double ms = 0;
    for (int i = next; i < runs.size(); i++) {
      ms += estimateMs(runs.get(i));
    }
    return ms;
  }

  private static String key(RunSpec run) {
    return run.engine().label() + " " + run.cell().label();
  }
}
