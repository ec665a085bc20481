package rnnlab.jobs;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import rnnlab.distributed.DistributedTrainer;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.store.ResultStore;
import rnnlab.train.RunResult;

/**
 * Trains one {@code dl4j-spark} run data-parallel on the session's cluster and stores it in a result store
 * beside sweep runs, under the sweep name {@value #SWEEP}; a run the store holds already is not trained
 * again. Usage: {@code ./submit.sh dtrain [spec options] [--workers N] [--out DIR]}.
 */
public final class DtrainJob {

  /** The sweep name that {@code dtrain} runs are stored under. */
  public static final String SWEEP = "dtrain";

  private DtrainJob() {}

  /**
   * Trains {@code spec} on {@code workers} workers (0: Spark's default parallelism) and appends it to the
   * store in {@code out}; notes where it went on {@code log}.
   *
   * @return the result, or empty when the store already held the run
   * @throws rnnlab.spec.BadInputException when the spec's data or weight files cannot be used
   */
  public static Optional<RunResult> run(SparkSession spark, RunSpec spec, int workers, String out,
      ProgressListener listener, PrintWriter log) {
    ResultStore store = ResultStore.open(spark, out);
    if (store.doneIds().contains(spec.id())) {
      log.println("run " + spec.id() + " is in " + store.location() + " already; nothing to do");
      return Optional.empty();
    }
    RunResult result = DistributedTrainer.train(JavaSparkContext.fromSparkContext(spark.sparkContext()), spec,
        workers, listener);
    store.append(SWEEP, List.of(result));
    log.println("stored in " + store.location() + " (sweep " + SWEEP + ")");
    return Optional.of(result);
  }
}
