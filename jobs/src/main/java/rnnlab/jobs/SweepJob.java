package rnnlab.jobs;

import java.io.PrintWriter;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import rnnlab.distributed.DistributedTrainer;
import rnnlab.spec.Engine;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.store.ResultStore;
import rnnlab.sweep.Sweep;
import rnnlab.train.RunResult;
import rnnlab.train.Trainer;

/**
 * Runs a sweep on Spark. Usage: {@code ./submit.sh sweep sweeps/NAME.yaml [--out DIR] [--master M]
 * [--conf k=v]...}
 *
 * <p>The driver expands the sweep, drops the runs already in the store (resume) and sends the rest out as
 * {@code JavaRDD<RunSpec>}s with <b>one run per partition</b>, so one run per task: runs differ in cost by
 * orders of magnitude (an LSTM with 1000 sequences of length 20 against an RNN with 100 of length 5), so any
 * fixed grouping would leave cores idle behind the slowest group, while Spark hands the next single run to
 * whichever core frees up. Each task calls {@link Trainer#run}, which never throws: a run that diverges or
 * fails comes back with its state and message, is stored like any other, and the sweep goes on.
 *
 * <p>Runs of engine {@code dl4j-spark} are big ones trained data-parallel over the whole cluster
 * ({@link DistributedTrainer}): they run after the small runs, one at a time, from the driver, each stored
 * as its own batch.
 *
 * <p>Runs go out in batches, two in flight so cores never wait for the driver; each finished batch is
 * written to the store atomically ({@link ResultStore#append}) while the next one trains. Spark SQL's
 * start-up (seconds) is paid by a warm-up write while the first runs train. A batch's results come from
 * {@code collect}, which keeps exactly one result per partition however often Spark retried or
 * speculatively re-ran its task, and the driver also drops any run id it has stored already, so no run is
 * ever stored twice. A killed driver loses only the batches in flight; rerunning the same command runs just
 * those.
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
   * @param wallMs    the sweep's wall time, from expansion to the last write
   * @param taskMs    the runs' own times summed: each from the task's start of the run to its result
   * @param cores     Spark's default parallelism, the number of runs it trained at once
   * @param location  the store's folder
   */
  public record Summary(int runs, int skipped, int ok, int diverged, int failed, long wallMs, long taskMs,
      int cores, String location) {

    /** Runs trained now. */
    public int trained() {
      return ok + diverged + failed;
    }

    /** Share of the cores' time the runs used: their summed time over wall time x cores. */
    public double efficiency() {
      return wallMs == 0 ? 0 : taskMs / ((double) wallMs * cores);
    }

    @Override
    public String toString() {
      return String.format("%d runs: %d trained now (%d ok, %d diverged, %d failed), %d stored before; "
          + "%.1f s wall, %.1f s of runs on %d cores (%.0f%% busy); results in %s", runs, trained(), ok,
          diverged, failed, skipped, wallMs / 1e3, taskMs / 1e3, cores, 100 * efficiency(), location);
    }
  }

  private static final String POOL = "spark.scheduler.pool";

  /**
   * The scheduler pool of the store's writes. Under {@code spark.scheduler.mode=FAIR} (conf/) a write
   * takes the next free core instead of queueing behind every run already submitted.
   */
  private static final String STORE_POOL = "store";

  /** A run's result with the time its task spent on it. */
  private record Outcome(RunResult result, long taskMs) implements Serializable {}

  private SweepJob() {}

  /** A session named after the sweep; the master and other settings come from spark-submit and conf/. */
  public static SparkSession session(String sweepName) {
    return SparkSession.builder().appName("rnnlab sweep " + sweepName).getOrCreate();
  }

  /**
   * Runs every run of {@code sweep} that {@code out} does not hold yet and stores the results there.
   *
   * @param out        the store's folder (a path or a Hadoop URI)
   * @param batchSize  runs per stored batch; 0 picks one from the cores and the number of runs
   * @param console    where the live progress line and batch notes go
   */
  public static Summary run(SparkSession spark, Sweep sweep, String out, int batchSize, PrintWriter console) {
    long start = System.currentTimeMillis();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<RunSpec> runs = sweep.runs();
    ResultStore store = ResultStore.open(spark, out);
    Set<String> stored = store.doneIds();
    List<RunSpec> pending = runs.stream()
        .filter(r -> !stored.contains(r.id()) && r.engine() != Engine.DL4J_SPARK).toList();
    List<RunSpec> distributed = runs.stream()
        .filter(r -> !stored.contains(r.id()) && r.engine() == Engine.DL4J_SPARK).toList();
    int cores = jsc.defaultParallelism();
    int perBatch = batchSize > 0 ? batchSize : Math.max(4 * cores, (pending.size() + 19) / 20);

    LongAccumulator done = jsc.sc().longAccumulator("runs done");
    LongAccumulator diverged = jsc.sc().longAccumulator("runs diverged");
    LongAccumulator failed = jsc.sc().longAccumulator("runs failed");
    Progress progress = new Progress(console, pending.size() + distributed.size(), start, done, diverged,
        failed);
    progress.start();
    int[] counts = new int[RunState.values().length];
    long taskMs = 0;
    CompletableFuture<Void> warmUp = pending.isEmpty() ? CompletableFuture.completedFuture(null)
        : CompletableFuture.runAsync(() -> {
          jsc.setLocalProperty(POOL, STORE_POOL);
          store.warmUp(RunResult.failed(pending.get(0), new IllegalStateException("warm-up")));
        });
    try {
      Deque<JavaFutureAction<List<Outcome>>> inFlight = new ArrayDeque<>();
      int next = 0;
      while (next < pending.size() || !inFlight.isEmpty()) {
        while (inFlight.size() < 2 && next < pending.size()) {
          List<RunSpec> batch = pending.subList(next, Math.min(pending.size(), next + perBatch));
          next += batch.size();
          jsc.setLocalProperty(POOL, null);
          jsc.setJobDescription("sweep " + sweep.name() + ": runs " + (next - batch.size() + 1) + "-" + next
              + " of " + pending.size());
          inFlight.add(jsc.parallelize(batch, batch.size())
              .map(spec -> train(spec, done, diverged, failed)).collectAsync());
        }
        Map<String, RunResult> results = new LinkedHashMap<>();
        for (Outcome o : await(inFlight.poll())) {
          if (!stored.contains(o.result().runId()) && results.putIfAbsent(o.result().runId(), o.result())
              == null) {
            counts[o.result().state().ordinal()]++;
            taskMs += o.taskMs();
          }
        }
        warmUp.join();
        jsc.setLocalProperty(POOL, STORE_POOL);
        store.append(sweep.name(), new ArrayList<>(results.values()));
        stored.addAll(results.keySet());
        progress.stored(results.size());
      }
      for (RunSpec spec : distributed) {
        jsc.setJobDescription("sweep " + sweep.name() + ": data-parallel run " + spec.id());
        long t0 = System.nanoTime();
        RunResult result = trainDistributed(jsc, spec);
        taskMs += (System.nanoTime() - t0) / 1_000_000 * cores; // it kept every core busy
        counts[result.state().ordinal()]++;
        count(result, done, diverged, failed);
        store.append(sweep.name(), List.of(result));
        stored.add(result.runId());
        progress.stored(1);
      }
    } finally {
      jsc.setLocalProperty(POOL, null);
      progress.stop();
    }
    return new Summary(runs.size(), runs.size() - pending.size(), counts[RunState.OK.ordinal()],
        counts[RunState.DIVERGED.ordinal()], counts[RunState.FAILED.ordinal()],
        System.currentTimeMillis() - start, taskMs, cores, store.location());
  }

  /** A dl4j-spark run, trained on the whole cluster from the driver; never throws, as {@link Trainer#run}. */
  private static RunResult trainDistributed(JavaSparkContext jsc, RunSpec spec) {
    try {
      return DistributedTrainer.train(jsc, spec, 0, ProgressListener.NONE);
    } catch (RuntimeException | OutOfMemoryError e) {
      return RunResult.failed(spec, e);
    }
  }

  /** The task: one run. */
  private static Outcome train(RunSpec spec, LongAccumulator done, LongAccumulator diverged,
      LongAccumulator failed) {
    long t0 = System.nanoTime();
    RunResult result = Trainer.run(spec);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    count(result, done, diverged, failed);
    return new Outcome(result, ms);
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

  private static <T> T await(JavaFutureAction<T> action) {
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
