package rnnlab.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import rnnlab.numeric.Cells;
import rnnlab.spec.RunSpec;
import rnnlab.sweep.Work;

/**
 * How a sweep cuts its pending runs into stored batches, and each batch into Spark tasks, by the runs'
 * estimated cost. A run's work is its training steps ({@link Work#trainingSteps}, what {@code validate}
 * prints) times its cell's arithmetic per step ({@link rnnlab.numeric.Cell#flopsPerStep}) plus
 * {@link #STEP_OVERHEAD_FLOP}; its cost is that work at the milliseconds per unit of work measured on the
 * runs trained so far, per engine and cell, else over all runs.
 *
 * <ul>
 *   <li>Runs go out longest first, so that the last tasks of a sweep are short and no core idles behind a
 *       long one; before any run is measured, by their work (an LSTM step is about four RNN steps).</li>
 *   <li>The first two batches are a calibration wave: one run per core each, one run per task, so that
 *       the speed is measured after a few runs rather than guessed for many.</li>
 *   <li>A task costs Spark a few milliseconds and a stored batch a Spark job and a write (tenths of a
 *       second), so cheap runs are packed: several to a task, up to {@link #CHEAP_TASK_MS} of estimated
 *       work and at most a quarter of a core's share of the batch; a run estimated above that keeps a task
 *       of its own.</li>
 *   <li>A batch holds at least {@code 4 x cores} runs and {@link #BATCH_MS_PER_CORE} of estimated work
 *       per core (or a twentieth of the sweep, up to a minute per core): few batches for a sweep of tiny
 *       runs, and a killed driver loses little of a long sweep. The last batch, the sweep's tail, is cut
 *       into tasks four times finer, so that the cores finish together.</li>
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
  /**
   * A training step's cost besides its cell's arithmetic (the loss, the update's share, bookkeeping), in
   * FLOP: it weighs small cells against big ones before any run is measured.
   */
  static final long STEP_OVERHEAD_FLOP = 500;

  private final int cores;
  private final int fixedBatchSize;
  private final List<RunSpec> runs;
  /** A step's FLOP by cell, hidden size and delays. */
  private final Map<List<Object>, Long> flopsPerStep = new HashMap<>();
  /** Measured work and milliseconds per engine and cell, and over all runs. */
  private final Map<String, double[]> measured = new HashMap<>();
  private final double[] overall = new double[2];
  private int next;
  private int wave;

  /**
   * @param pending        the runs to train, in sweep order
   * @param cores          how many tasks run at once
   * @param fixedBatchSize runs per stored batch as the user asked ({@code --write-every}); 0 to plan
   */
  TaskPlan(List<RunSpec> pending, int cores, int fixedBatchSize) {
    this.cores = Math.max(1, cores);
    this.fixedBatchSize = fixedBatchSize;
    List<RunSpec> sorted = new ArrayList<>(pending);
    sorted.sort(Comparator.comparingDouble(this::work).reversed()); // stable: ties keep sweep order
    this.runs = sorted;
  }

  /** True while runs are left to hand out. */
  boolean hasNext() {
    return next < runs.size();
  }

  /** Notes that {@code run} took {@code ms} in its task, to estimate the runs still to come. */
  void measured(RunSpec run, long ms) {
    double w = work(run);
    double[] m = measured.computeIfAbsent(key(run), k -> new double[2]);
    m[0] += w;
    m[1] += ms;
    overall[0] += w;
    overall[1] += ms;
  }

  /** The next stored batch, as its tasks: each task a list of runs, longest task first. */
  List<List<RunSpec>> nextBatch() {
    int from = next;
    if (calibrated()) { // longest first by the measured speeds, which differ between engines and cells
      runs.subList(from, runs.size()).sort(Comparator.comparingDouble(this::estimateMs).reversed());
    }
    int to;
    boolean calibrating = wave < 2;
    if (fixedBatchSize > 0) {
      to = Math.min(runs.size(), from + fixedBatchSize);
    } else if (!calibrated()) {
      // runs too quick to measure in milliseconds: a twentieth of the sweep at a time
      to = Math.min(runs.size(), from + (calibrating ? cores : Math.max(4 * cores, (runs.size() + 19) / 20)));
    } else {
      double remaining = remainingMs();
      double target = cores * Math.max(BATCH_MS_PER_CORE, Math.min(BATCH_MS_PER_CORE_MAX,
          remaining / 20 / cores));
      to = from;
      double sum = 0;
      while (to < runs.size() && (to - from < 4 * cores || sum < target)) {
        sum += estimateMs(runs.get(to++));
      }
    }
    wave++;
    next = to;
    return tasks(runs.subList(from, to), to == runs.size());
  }

  /**
   * {@code batch} (longest first) as tasks: runs estimated at the cap or more alone, the cheaper ones
   * packed in order into tasks of up to the cap; tasks longest first. Before any run is measured, one run
   * per task.
   *
   * @param last the sweep's last batch: a cap four times smaller
   */
  List<List<RunSpec>> tasks(List<RunSpec> batch, boolean last) {
    List<List<RunSpec>> tasks = new ArrayList<>();
    if (!calibrated()) {
      batch.forEach(r -> tasks.add(List.of(r)));
      return tasks;
    }
    double total = batch.stream().mapToDouble(this::estimateMs).sum();
    double cap = Math.min(CHEAP_TASK_MS, total / (4.0 * cores)) / (last ? 4 : 1);
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

  /** Estimated milliseconds of {@code run}: its work at the measured speed of its engine and cell. */
  double estimateMs(RunSpec run) {
    double[] m = measured.getOrDefault(key(run), overall);
    double[] basis = m[0] > 0 ? m : overall;
    return basis[0] == 0 ? 0 : work(run) * basis[1] / basis[0];
  }

  /** The work of {@code run}: its training steps times its cell's FLOP per step and the overhead. */
  private double work(RunSpec run) {
    long perStep = flopsPerStep.computeIfAbsent(List.of(run.cell(), run.hidden(), run.effectiveDelays()),
        k -> Cells.create(run).flopsPerStep());
    return (double) Work.trainingSteps(run) * (perStep + STEP_OVERHEAD_FLOP);
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
