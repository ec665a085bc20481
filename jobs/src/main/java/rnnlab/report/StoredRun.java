package rnnlab.report;

import java.util.LinkedHashMap;
import java.util.Map;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.store.ResultSchema;
import rnnlab.train.RunResult;

/**
 * One run as the report sees it: the typed result read back by {@link ResultSchema#read} (the newest row of
 * its run), the sweep that stored it, and its spec as values by key for grouping. Accuracies and losses may
 * be NaN (failed runs).
 *
 * @param sweep  the sweep that produced it
 * @param result the run's result, its spec pinned as it was trained
 * @param spec   every {@link RunSpec} key to its value (enums as labels), in key order: {@code result}'s spec
 */
public record StoredRun(String sweep, RunResult result, Map<String, Object> spec) {

  /** The run {@code result} of sweep {@code sweep}. */
  public static StoredRun of(String sweep, RunResult result) {
    return new StoredRun(sweep, result, result.spec().toMap());
  }

  /** The run a {@code runs} row holds, read through {@link ResultSchema#read}. */
  public static StoredRun of(ResultSchema.StoredResult stored) {
    return of(stored.sweep(), stored.result());
  }

  /** The run's stable id. */
  public String runId() {
    return result.runId();
  }

  /** ok, diverged, failed or pruned. */
  public RunState state() {
    return result.state();
  }

  /** Why it diverged or failed. */
  public String message() {
    return result.message();
  }

  /** Loss of the last epoch run (NaN when none ran). */
  public double finalLoss() {
    return result.finalLoss();
  }

  /** Loss per epoch run. */
  public double[] lossCurve() {
    return result.lossCurve();
  }

  /** Held-out per-step accuracy at the training length. */
  public double testAccuracy() {
    return result.testAccuracy();
  }

  /** Held-out per-step accuracy at {@link RunSpec#LONG_FACTOR} times the length. */
  public double longAccuracy() {
    return result.longAccuracy();
  }

  /** Epochs completed. */
  public int epochsRun() {
    return result.epochsRun();
  }

  /** Training time. */
  public long wallMs() {
    return result.wallMs();
  }

  /** The value of spec key {@code key}. */
  public Object get(String key) {
    return spec.get(key);
  }

  /** The value of {@code key} as text. */
  public String label(String key) {
    return String.valueOf(spec.get(key));
  }

  /** True when the run trained to its last epoch. */
  public boolean ok() {
    return state() == RunState.OK;
  }

  /** True when the run is ok and its held-out accuracy reaches {@code threshold}. */
  public boolean solved(double threshold) {
    return ok() && testAccuracy() >= threshold;
  }

  /** The spec without {@code seed}: runs with equal settings differ only in their seed. */
  public Map<String, Object> setting() {
    Map<String, Object> s = new LinkedHashMap<>(spec);
    s.remove("seed");
    return s;
  }

  /** The {@code ./submit.sh train} command that reruns this run (same spec, same numbers). */
  public String rerunCommand() {
    return "./submit.sh train " + String.join(" ", result.spec().toArgs());
  }
}
