package rnnlab.jobs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.train.Checkpoint;
import rnnlab.train.RunInputs;
import rnnlab.train.RunResult;
import rnnlab.train.Trainer;

/**
 * The legs of an early-stopping search in flight on Spark: each leg trains one run from its checkpoint to its
 * next rung as a one-task job of its own, so the driver can send the next leg as soon as any one ends. The
 * runs' inputs (read on the driver, {@link SweepInputs}) go to the executors as a broadcast.
 */
final class Legs implements AutoCloseable {

  /**
   * A leg to train: a run from its checkpoint (null: from the start) until {@code until} epochs, the epochs
   * of {@code rung}; {@code evaluateAll} false evaluates only the held-out accuracy at its end.
   */
  record Leg(RunSpec spec, byte[] checkpoint, int rung, int until, boolean evaluateAll)
      implements Serializable {}

  /** A leg's result with its new checkpoint (null when it failed). */
  record Done(RunResult result, byte[] checkpoint, int rung) implements Serializable {}

  private final JavaSparkContext jsc;
  private final String sweep;
  private final HashMap<String, RunInputs> inputs;
  private final List<Broadcast<HashMap<String, RunInputs>>> shipped = new ArrayList<>();
  private final List<JavaFutureAction<List<Done>>> inFlight = new ArrayList<>();

  /** Legs of sweep {@code sweep}'s runs, whose inputs are {@code inputs} ({@link SweepInputs#inputs}). */
  Legs(JavaSparkContext jsc, String sweep, Map<String, RunInputs> inputs) {
    this.jsc = jsc;
    this.sweep = sweep;
    this.inputs = new HashMap<>(inputs);
    shipped.add(jsc.broadcast(new HashMap<>(inputs)));
  }

  /**
   * Adds the inputs of runs proposed as the search goes; when any is new, the inputs go to the executors
   * again (once per new data folder; older broadcasts stay until {@link #close}: legs in flight use
   * them).
   */
  void ship(Map<String, RunInputs> more) {
    if (!inputs.keySet().containsAll(more.keySet())) {
      inputs.putAll(more);
      shipped.add(jsc.broadcast(new HashMap<>(inputs)));
    }
  }

  /** Sends {@code leg} out as a Spark job of its own. */
  void send(Leg leg) {
    jsc.setJobDescription("sweep " + sweep + ": run " + leg.spec().id() + " to epoch " + leg.until());
    Broadcast<HashMap<String, RunInputs>> current = shipped.get(shipped.size() - 1);
    inFlight.add(jsc.parallelize(List.of(leg), 1).map(l -> train(l, current.value())).collectAsync());
  }

  /** How many legs are in flight. */
  int running() {
    return inFlight.size();
  }

  /** The result of the first leg in flight to end, waiting for one. */
  Done awaitAny() {
    while (true) {
      for (Iterator<JavaFutureAction<List<Done>>> it = inFlight.iterator(); it.hasNext(); ) {
        JavaFutureAction<List<Done>> f = it.next();
        if (f.isDone()) {
          it.remove();
          return SweepJob.await(f).get(0);
        }
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for runs", e);
      }
    }
  }

  @Override
  public void close() {
    shipped.forEach(Broadcast::destroy);
  }

  /** The task: one leg of one run, on the inputs the driver read; never throws. */
  static Done train(Leg leg, Map<String, RunInputs> inputs) {
    try {
      Checkpoint from = leg.checkpoint() == null ? null : Checkpoint.fromBytes(leg.checkpoint());
      Trainer.Leg done = Trainer.train(new RunInputs.Pinned(leg.spec(), SweepInputs.of(inputs, leg.spec())),
          from, leg.until(), leg.evaluateAll(), ProgressListener.NONE);
      return new Done(done.trained().result(), done.checkpoint().toBytes(), leg.rung());
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      return new Done(RunResult.failed(leg.spec(), e), null, leg.rung());
    }
  }
}
