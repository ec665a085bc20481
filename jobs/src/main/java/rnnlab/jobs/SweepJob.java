package rnnlab.jobs;

import java.io.PrintWriter;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import rnnlab.distributed.DistributedTrainer;
import rnnlab.spec.Engine;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.store.StoreLocation;
import rnnlab.store.StoreWriter;
import rnnlab.sweep.Sweep;
import rnnlab.train.RunInputs;
import rnnlab.train.RunResult;
import rnnlab.train.Trainer;

/**
 * Runs a sweep on Spark. Usage: {@code ./submit.sh sweep sweeps/NAME.yaml [--out DIR] [--master M]
 * [--conf k=v]...}
 *
 * <p>The driver expands the sweep, drops the runs already in the store (resume) and sends the rest out as
 * {@code JavaRDD}s of tasks, one task per partition, planned by {@link TaskPlan}: longest runs first, an
 * expensive run alone in its task, cheap runs packed several to a task by their estimated cost (runs differ
 * in cost by orders of magnitude, and a task or a stored batch has a fixed cost in Spark). Each run is
 * trained by {@link Trainer#run}, which never throws: a run that diverges or fails comes back with its state
 * and message, is stored like any other, and the sweep goes on.
 *
 * <p>Runs of engine {@code dl4j-spark} are big ones trained data-parallel over the whole cluster
 * ({@link DistributedTrainer}): they run after the small runs, one at a time, from the driver, each stored
 * as its own batch.
 *
 * <p>Runs go out in batches, two in flight so cores never wait for the driver; each finished batch is
 * written to the store atomically ({@link StoreWriter#append}) by a writer thread ({@link BatchWriter})
 * while the next ones train, so the driver does not wait for writes either; a write is Parquet's own
 * writer on that thread, not a Spark job, so a sweep into a new store never starts Spark SQL. A batch's
 * results come from {@code collect}, which keeps exactly one result per partition (one task) however often
 * Spark retried or speculatively re-ran its task, and the driver also drops any run id it has stored
 * already, so no run is ever stored twice. A killed driver loses only the batches in flight or waiting to be
 * written; rerunning the same command runs just those. The summary says where the wall time went
 * ({@link Phases}).
 */
public final class SweepJob {

  /**
   * What a sweep did.
   *
   * @param runs      runs in the sweep
   * @param skipped   runs found in the store already (resume)
   * @param ok        runs trained and stored now that ended ok
   * @param diverged  ... that diverged
   * @param failed    ... that failed
   * @param wallMs    the sweep's wall time, from expansion to the last write, less the session's start
   * @param taskMs    the runs' own times summed: each from the task's start of the run to its result
   * @param cores     Spark's default parallelism, the number of runs it trained at once; 0 when nothing was
   *                  left to run and no Spark session was needed
   * @param location  the store's folder
   * @param phases    where the time went: the session start (before the wall time), resume scan, writes...
   */
  public record Summary(int runs, int skipped, int ok, int diverged, int failed, long wallMs, long taskMs,
      int cores, String location, Phases phases) implements SweepSummary {

    /** Runs trained now. */
    public int trained() {
      return ok + diverged + failed;
    }

    /** Share of the cores' time the runs used: their summed time over wall time x cores. */
    public double efficiency() {
      return wallMs == 0 || cores == 0 ? 0 : taskMs / ((double) wallMs * cores);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d runs: %d trained now (%d ok, %d diverged, %d failed), %d stored "
          + "before; %.1f s wall, %s; results in %s", runs, trained(), ok, diverged, failed, skipped,
          wallMs / 1e3, cores == 0 ? "nothing to run, no Spark session started" : String.format(Locale.ROOT,
              "%.1f s of runs on %d cores (%.0f%% busy)", taskMs / 1e3, cores, 100 * efficiency()), location)
          + System.lineSeparator() + "  time: " + phases;
    }
  }

  /**
   * How a sweep runs: where its notes go and how it uses its store. Start from {@link #of}.
   *
   * @param spark        the session to run in; null: the active one, or one of its own named after the sweep
   *                     (the master and other settings from spark-submit and conf/)
   * @param batchSize    runs per stored batch; 0 picks one from the cores and the number of runs
   * @param waitForStore wait while another writer holds the store, instead of failing at once
   * @param retryFailed  train again the runs whose newest stored row is {@code failed} (not
   *                     {@code diverged}); the new row wins, the old one stays for the record
   * @param console      where the live progress line, batch notes and lock notes go
   */
  public record Context(SparkSession spark, int batchSize, boolean waitForStore, boolean retryFailed,
      PrintWriter console) {

    /** Planned batches, failing at once on a busy store, no retries, in a session of its own. */
    public static Context of(PrintWriter console) {
      return new Context(null, 0, false, false, console);
    }

    /** The same, in {@code session}. */
    public Context in(SparkSession session) {
      return new Context(session, batchSize, waitForStore, retryFailed, console);
    }

    /** The same, with {@code runs} runs per stored batch (0: planned). */
    public Context batchSize(int runs) {
      return new Context(spark, runs, waitForStore, retryFailed, console);
    }

    /** The same, waiting ({@code true}) or not while another writer holds the store. */
    public Context waitForStore(boolean wait) {
      return new Context(spark, batchSize, wait, retryFailed, console);
    }

    /** The same, training the failed runs again ({@code true}) or not. */
    public Context retryFailed(boolean retry) {
      return new Context(spark, batchSize, waitForStore, retry, console);
    }
  }

  /** A run's result with the time its task spent on it. */
  private record Outcome(RunResult result, long taskMs) implements Serializable {}

  private SweepJob() {}

  /**
   * Runs every run of {@code sweep} that {@code out} does not hold yet and stores the results there, holding
   * the store's lock meanwhile. The sweep's inputs are read, the store opened and its runs scanned before a
   * Spark session is needed: a sweep with nothing left to run (a resume check of a complete store) starts
   * none.
   *
   * @param out the store's folder (a path or a Hadoop URI, see {@link rnnlab.store.StoreLocation})
   * @throws rnnlab.store.BadStoreException when {@code out} cannot hold a store or another writer holds it
   */
  public static Summary run(Sweep sweep, String out, Context context) {
    return run(sweep.name(), conf -> SweepInputs.read(sweep.runs(), conf), out, context);
  }

  /** As {@link #run(Sweep, String, Context)}, the runs of {@code inputs}, read on the driver already. */
  static Summary run(String name, SweepInputs inputs, String out, Context context) {
    return run(name, conf -> inputs, out, context);
  }

  private static Summary run(String name, Function<Configuration, SweepInputs> read, String out,
      Context context) {
    long start = System.currentTimeMillis();
    Phases phases = new Phases();
    SparkSession given = context.spark() != null ? context.spark()
        : SparkSession.getActiveSession().getOrElse(() -> null);
    // without a session, Spark's Hadoop settings (spark.hadoop.*) as a session would make them
    Configuration conf = given != null ? given.sparkContext().hadoopConfiguration()
        : SparkHadoopUtil.get().newConfiguration(new SparkConf());
    SweepInputs inputs = phases.time("inputs read", () -> read.apply(conf));
    try (StoreWriter store = phases.time("store open", () -> StoreWriter.open(StoreLocation.of(out, conf),
        context.waitForStore(), context.console()::println))) {
      Map<String, RunState> states = phases.time("resume scan", store.reader()::states);
      Set<String> stored = new HashSet<>(states.keySet());
      if (context.retryFailed()) {
        states.forEach((id, state) -> {
          if (state == RunState.FAILED) {
            stored.remove(id);
          }
        });
      }
      List<RunSpec> pending = new ArrayList<>();
      for (RunSpec r : inputs.runs()) {
        if (!stored.contains(r.id())) {
          pending.add(r);
        }
      }
      if (pending.isEmpty()) {
        return new Summary(inputs.runs().size(), inputs.runs().size(), 0, 0, 0,
            System.currentTimeMillis() - start, 0, 0, store.location(), phases);
      }
      if (given != null) {
        return run(given, name, inputs, pending, store, stored, context, start, phases);
      }
      long t0 = System.currentTimeMillis();
      return Sessions.with("rnnlab sweep " + name, spark -> {
        long ms = System.currentTimeMillis() - t0;
        phases.add("session start", ms); // apart from the wall time, as in Summary
        return run(spark, name, inputs, pending, store, stored, context, start + ms, phases);
      });
    }
  }

  /**
   * Trains {@code todo}, the runs of {@code inputs} not in {@code stored}, into {@code store}, in
   * {@code spark}.
   */
  private static Summary run(SparkSession spark, String name, SweepInputs inputs, List<RunSpec> todo,
      StoreWriter store, Set<String> stored, Context context, long start, Phases phases) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<RunSpec> runs = inputs.runs();
    Broadcast<HashMap<String, RunInputs>> shipped = jsc.broadcast(new HashMap<>(inputs.inputs()));
    List<RunSpec> pending = todo.stream().filter(r -> r.engine() != Engine.DL4J_SPARK).toList();
    List<RunSpec> distributed = todo.stream().filter(r -> r.engine() == Engine.DL4J_SPARK).toList();
    int cores = jsc.defaultParallelism();
    TaskPlan plan = new TaskPlan(pending, cores, context.batchSize());

    LongAccumulator done = jsc.sc().longAccumulator("runs done");
    LongAccumulator diverged = jsc.sc().longAccumulator("runs diverged");
    LongAccumulator failed = jsc.sc().longAccumulator("runs failed");
    Progress progress = new Progress(context.console(), pending.size() + distributed.size(), start, done,
        diverged, failed);
    progress.start();
    int[] counts = new int[RunState.values().length];
    long taskMs = 0;
    BatchWriter writer = new BatchWriter(store, name, progress, phases);
    try {
      Deque<JavaFutureAction<List<Outcome>>> inFlight = new ArrayDeque<>();
      int sent = 0;
      while (plan.hasNext() || !inFlight.isEmpty()) {
        while (inFlight.size() < 2 && plan.hasNext()) {
          List<List<RunSpec>> tasks = plan.nextBatch();
          int size = tasks.stream().mapToInt(List::size).sum();
          sent += size;
          jsc.setJobDescription("sweep " + name + ": runs " + (sent - size + 1) + "-" + sent + " of "
              + pending.size() + " in " + tasks.size() + " tasks");
          inFlight.add(jsc.parallelize(tasks, tasks.size())
              .flatMap(task -> train(task, shipped.value(), done, diverged, failed).iterator())
              .collectAsync());
        }
        List<Outcome> outcomes = phases.time("waiting for runs", () -> await(inFlight.poll()));
        Map<String, RunResult> results = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
          plan.measured(o.result().spec(), o.taskMs());
          if (!stored.contains(o.result().runId()) && results.putIfAbsent(o.result().runId(), o.result())
              == null) {
            counts[o.result().state().ordinal()]++;
            taskMs += o.taskMs();
          }
        }
        stored.addAll(results.keySet());
        writer.append(new ArrayList<>(results.values()));
      }
      writer.finish();
      for (RunSpec spec : distributed) {
        jsc.setJobDescription("sweep " + name + ": data-parallel run " + spec.id());
        long t0 = System.nanoTime();
        RunResult result = trainDistributed(jsc, new RunInputs.Pinned(spec, SweepInputs.of(inputs.inputs(),
            spec)));
        taskMs += (System.nanoTime() - t0) / 1_000_000 * cores; // it kept every core busy
        counts[result.state().ordinal()]++;
        count(result, done, diverged, failed);
        phases.time("batch writes", () -> store.append(name, List.of(result)));
        stored.add(result.runId());
        progress.stored(1);
      }
    } finally {
      writer.close();
      progress.stop();
      shipped.destroy();
    }
    return new Summary(runs.size(), runs.size() - pending.size() - distributed.size(),
        counts[RunState.OK.ordinal()], counts[RunState.DIVERGED.ordinal()], counts[RunState.FAILED.ordinal()],
        System.currentTimeMillis() - start, taskMs, cores, store.location(), phases);
  }

  /** A dl4j-spark run, trained on the whole cluster from the driver; never throws, as {@link Trainer#run}. */
  private static RunResult trainDistributed(JavaSparkContext jsc, RunInputs.Pinned run) {
    try {
      return DistributedTrainer.train(jsc, run, 0, ProgressListener.NONE);
    } catch (RuntimeException | OutOfMemoryError e) {
      return RunResult.failed(run.spec(), e);
    }
  }

  /** The task: its runs one after the other, each on the inputs the driver read. */
  private static List<Outcome> train(List<RunSpec> task, Map<String, RunInputs> inputs, LongAccumulator done,
      LongAccumulator diverged, LongAccumulator failed) {
    List<Outcome> outcomes = new ArrayList<>(task.size());
    for (RunSpec spec : task) {
      long t0 = System.nanoTime();
      RunResult result = Trainer.run(spec, SweepInputs.of(inputs, spec));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      count(result, done, diverged, failed);
      outcomes.add(new Outcome(result, ms));
    }
    return outcomes;
  }

  private static void count(RunResult result, LongAccumulator done, LongAccumulator diverged,
      LongAccumulator failed) {
    done.add(1);
    if (result.state() == RunState.DIVERGED) {
      diverged.add(1);
    } else if (result.state() == RunState.FAILED) {
      failed.add(1);
    }
  }

  /** The answer of a Spark job of the sweep (a batch of runs, a search's leg); its failure as unchecked. */
  static <T> T await(JavaFutureAction<T> action) {
    try {
      return action.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for runs", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a Spark job of the sweep failed: " + e.getCause().getMessage(),
          e.getCause());
    }
  }
}
