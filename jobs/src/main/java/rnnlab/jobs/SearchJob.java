package rnnlab.jobs;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import rnnlab.search.Asha;
import rnnlab.search.TpeSampler;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.store.StoreWriter;
import rnnlab.sweep.Search;
import rnnlab.sweep.Sweep;
import rnnlab.train.Checkpoint;
import rnnlab.train.Trainer;

/**
 * Runs a sweep with a {@code search:} section on Spark. Usage: {@code ./submit.sh sweep SWEEP.yaml} (the
 * sweep command comes here when the file asks for {@code scheduler: asha} or {@code sampler: tpe}).
 *
 * <p><b>ASHA</b> ({@link Asha}, driven by {@link AshaDriver}): each task trains one run from its checkpoint
 * to its next rung ({@link Trainer#train(RunSpec, Checkpoint, int, ProgressListener)}, one {@link Legs.Leg})
 * and returns its result there and its new checkpoint; as soon as a task ends, the driver records the
 * result, asks the scheduler for a promotion, and sends out the promoted run, else the next new run of the
 * sweep, so every core stays busy and no rung waits to fill. Runs that reach the last rung are stored
 * {@code ok}; when the sweep has no more work, the runs never promoted are stored {@code pruned} with their
 * curve and accuracies at the rung they reached. Every start, promotion and rung result is journaled in the
 * store ({@link SearchLog}, with the checkpoints), so a killed driver loses only the legs in flight: a rerun
 * replays the journal and continues. Promotions depend on the order results come back, which the journal
 * records; the same order gives the same runs and numbers. Below the last rung a leg evaluates only what
 * the scheduler ranks by (the held-out accuracy, or the loss), so a pruned run is stored with NaN training
 * and longer held-out accuracies and no probe outputs, unless the metric is one of those.
 *
 * <p><b>TPE</b> ({@link TpeSampler}, driven by {@link TpeDriver}): one study per grid point, each the
 * startup points then waves of {@code parallel} proposals, each wave one Spark job drawn from the sweep's
 * seed and the results of all earlier waves in proposal order, so the runs do not depend on the executors'
 * timing; a point is trained once per seed and ranked by the mean. Each run is journaled (a start event
 * whose rung is its wave, 0 for the startup runs) before it trains. A rerun reads the stored runs (typed,
 * newest row of each), proposes the same waves again and trains only the runs not stored.
 *
 * <p><b>TPE + ASHA</b>: the ASHA driver takes its new runs from TPE ({@link NewRuns#proposed}), fitted on
 * the highest rung holding at least {@code startup} results; the proposals depend on the order results came
 * back, which the journal records, and a rerun proposes the journaled runs again before it goes on.
 */
public final class SearchJob {

  /**
   * What an adaptive sweep did.
   *
   * @param search     {@code asha}, {@code tpe} or {@code tpe+asha}
   * @param runs       runs that ended in the store, now or before
   * @param ok         ... that reached their last epoch
   * @param pruned     ... stopped early by the scheduler
   * @param diverged   ... that diverged
   * @param failed     ... that failed
   * @param epochs     epochs trained by this invocation
   * @param fullEpochs epochs the same runs would take trained to the end
   * @param wallMs     this invocation's wall time
   * @param location   the store's folder
   */
  public record Summary(String search, int runs, int ok, int pruned, int diverged, int failed, long epochs,
      long fullEpochs, long wallMs, String location) implements SweepSummary {

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s: %d runs (%d ok, %d pruned, %d diverged, %d failed); %d epochs"
          + " trained now (%d to train every run to the end); %.1f s wall; results in %s", search, runs, ok,
          pruned, diverged, failed, epochs, fullEpochs, wallMs / 1e3, location);
    }

    /** The summary of runs counted by the state they ended in. */
    static Summary of(String search, Map<RunState, Integer> counts, long epochs, long fullEpochs, long wallMs,
        String location) {
      int runs = counts.values().stream().mapToInt(Integer::intValue).sum();
      return new Summary(search, runs, counts.getOrDefault(RunState.OK, 0),
          counts.getOrDefault(RunState.PRUNED, 0), counts.getOrDefault(RunState.DIVERGED, 0),
          counts.getOrDefault(RunState.FAILED, 0), epochs, fullEpochs, wallMs, location);
    }
  }

  private SearchJob() {}

  /** As {@link #run(SparkSession, Sweep, String, boolean, PrintWriter)}, failing at once on a busy store. */
  public static Summary run(SparkSession spark, Sweep sweep, String out, PrintWriter console) {
    return run(spark, sweep, out, false, console);
  }

  /** As {@link #run(SparkSession, Sweep, String, boolean, PrintWriter)}, in a session of its own. */
  public static Summary run(Sweep sweep, String out, boolean waitForStore, PrintWriter console) {
    return Sessions.with("rnnlab sweep " + sweep.name(), spark -> run(spark, sweep, out, waitForStore,
        console));
  }

  /**
   * Runs {@code sweep}, whose search is adaptive, into the store at {@code out}, holding the store's lock.
   *
   * @param waitForStore wait while another writer holds the store, instead of failing at once
   * @throws rnnlab.store.BadStoreException when {@code out} cannot hold a store or another writer holds it
   */
  public static Summary run(SparkSession spark, Sweep sweep, String out, boolean waitForStore,
      PrintWriter console) {
    Search search = sweep.search();
    if (search.scheduler() != Search.Scheduler.ASHA && search.sampler() != Search.Sampler.TPE) {
      throw new IllegalArgumentException("sweep " + sweep.name() + " has no adaptive search");
    }
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    SweepInputs inputs = search.scheduler() != Search.Scheduler.ASHA ? null // TPE's waves are each pinned
        : SweepInputs.read(search.sampler() == Search.Sampler.TPE ? sweep.runs() : NewRuns.listedRuns(sweep),
            conf);
    try (StoreWriter store = StoreWriter.open(spark, out, waitForStore, console::println)) {
      return inputs != null ? AshaDriver.run(spark, sweep, inputs, out, store, console)
          : TpeDriver.run(spark, sweep, out, store, console);
    }
  }

}
