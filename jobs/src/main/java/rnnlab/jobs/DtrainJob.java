package rnnlab.jobs;

import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import rnnlab.distributed.DistributedTrainer;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.store.HadoopFolders;
import rnnlab.store.StoreWriter;
import rnnlab.train.RunInputs;
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
   * @param out           the store (a path or a Hadoop URI), held with its lock while the run trains
   * @param waitForStore  wait while another writer holds the store, instead of failing at once
   * @param workers       data-parallel workers; 0 for Spark's default parallelism
   * @param console       where notes on the store go
   * @return the result, or null when the run was stored already (nothing trained)
   * @throws rnnlab.store.BadStoreException when {@code out} cannot hold a store or another writer holds it
   */
  public static RunResult run(RunSpec spec, String out, boolean waitForStore, int workers,
      ProgressListener listener, PrintWriter console) {
    return Sessions.with("rnnlab dtrain " + spec.id(), spark -> {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      RunInputs.Pinned run = RunInputs.pin(spec, new HadoopFolders(jsc.hadoopConfiguration()));
      try (StoreWriter store = StoreWriter.open(spark, out, waitForStore, console::println)) {
        if (store.reader().doneIds().contains(run.spec().id())) {
          console.println("run " + run.spec().id() + " is in " + store.location()
              + " already; nothing to do");
          return null;
        }
        RunResult result = DistributedTrainer.train(jsc, run, workers, listener);
        store.append(SWEEP, List.of(result));
        console.println("stored in " + store.location() + " (sweep " + SWEEP + ")");
        return result;
      }
    });
  }
}
