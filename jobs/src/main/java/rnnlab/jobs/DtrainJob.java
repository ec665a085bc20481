package rnnlab.jobs;

import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import rnnlab.distributed.DistributedTrainer;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.store.ResultStore;
import rnnlab.train.RunResult;

/**
 * One run trained data-parallel over the executors (engine {@code dl4j-spark}, see
 * {@link DistributedTrainer}) and stored in a result store beside sweep runs.
 *
 * <p>Usage: {@code ./submit.sh dtrain [spec options] [--workers N] [--out DIR]}.
 */
public final class DtrainJob {

  /** The sweep name that {@code dtrain} runs are stored under. */
  public static final String SWEEP = "dtrain";

  private DtrainJob() {}

  /**
   * Trains {@code spec} unless the store at {@code out} holds it already, and stores the result.
   *
   * @param workers  data-parallel workers; 0 for Spark's default parallelism
   * @param console  where notes on the store go
   * @return the result, or null when the run was stored already (nothing trained)
   */
  public static RunResult run(RunSpec spec, String out, int workers, ProgressListener listener,
      PrintWriter console) {
    return Sessions.with("rnnlab dtrain " + spec.id(), spark -> {
      ResultStore store = ResultStore.open(spark, out);
      if (store.doneIds().contains(spec.id())) {
        console.println("run " + spec.id() + " is in " + store.location() + " already; nothing to do");
        return null;
      }
      RunResult result = DistributedTrainer.train(JavaSparkContext.fromSparkContext(spark.sparkContext()),
          spec, workers, listener);
      store.append(SWEEP, List.of(result));
      console.println("stored in " + store.location() + " (sweep " + SWEEP + ")");
      return result;
    });
  }
}
