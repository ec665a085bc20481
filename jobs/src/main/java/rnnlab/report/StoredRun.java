package rnnlab.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import rnnlab.spec.RunSpec;

/**
 * One run as read back from a {@code runs} row: its spec values by key (null where the store has no such
 * column) and its outcome. Accuracies and losses may be NaN (failed runs, or stores written by hand).
 *
 * @param runId        stable run id
 * @param sweep        the sweep that produced it
 * @param spec         every {@link RunSpec} key to its stored value (enums as labels), in key order
 * @param state        ok, diverged or failed
 * @param message      why it diverged or failed
 * @param finalLoss    loss of the last epoch run
 * @param lossCurve    loss per epoch run
 * @param testAccuracy held-out per-step accuracy at the training length
 * @param longAccuracy held-out per-step accuracy at {@link RunSpec#LONG_FACTOR} times the length
 * @param epochsRun    epochs completed
 * @param wallMs       training time
 */
public record StoredRun(String runId, String sweep, Map<String, Object> spec, String state, String message,
    double finalLoss, double[] lossCurve, double testAccuracy, double longAccuracy, int epochsRun,
    long wallMs) {

  /** The state of a run that trained to its last epoch. */
  public static final String OK = "ok";

  /** Reads a row of {@code runs} (read with {@link rnnlab.store.ResultSchema#RUNS}). */
  public static StoredRun fromRow(Row row) {
    Map<String, Object> spec = new LinkedHashMap<>();
    for (String key : RunSpec.keys()) {
      spec.put(key, get(row, key));
    }
    Object curve = get(row, "loss_curve");
    double[] loss = curve == null ? new double[0] : curve instanceof double[] d ? d.clone()
        : toDoubles(row.getList(row.fieldIndex("loss_curve")));
    Object epochs = get(row, "epochs_run");
    Object wall = get(row, "wall_ms");
    return new StoredRun(text(get(row, "run_id")), text(get(row, "sweep")),
        Collections.unmodifiableMap(spec), text(get(row, "state")), text(get(row, "message")),
        number(get(row, "final_loss")), loss, number(get(row, "test_accuracy")),
        number(get(row, "long_accuracy")), epochs == null ? 0 : ((Number) epochs).intValue(),
        wall == null ? 0L : ((Number) wall).longValue());
  }

  /** The stored value of spec key {@code key}, or null when the store has none. */
  public Object get(String key) {
    return spec.get(key);
  }

  /** The value of {@code key} as text ("?" when missing). */
  public String label(String key) {
    return text(spec.get(key), "?");
  }

  /** True when the run trained to its last epoch. */
  public boolean ok() {
    return OK.equals(state);
  }

  /** True when the run is ok and its held-out accuracy reaches {@code threshold}. */
  public boolean solved(double threshold) {
    return ok() && testAccuracy >= threshold;
  }

  /** The spec without {@code seed}: runs with equal settings differ only in their seed. */
  public Map<String, Object> setting() {
    Map<String, Object> s = new LinkedHashMap<>(spec);
    s.remove("seed");
    return s;
  }

  /**
   * The spec rebuilt as a {@link RunSpec}, or empty when the stored values do not make a valid one (a
   * {@link rnnlab.spec.SpecException} or a missing column).
   */
  public Optional<RunSpec> runSpec() {
    if (spec.containsValue(null)) {
      return Optional.empty();
    }
    try {
      return Optional.of(RunSpec.of(spec));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The {@code ./submit.sh train} command that reruns this run (from the stored values as a fallback). */
  public String rerunCommand() {
    List<String> args = runSpec().map(RunSpec::toArgs).orElseGet(() -> spec.entrySet().stream()
        .filter(e -> e.getValue() != null && !"".equals(e.getValue()))
        .map(e -> RunSpec.option(e.getKey()) + "=" + e.getValue()).toList());
    return "./submit.sh train " + String.join(" ", args);
  }

  private static Object get(Row row, String column) {
    int i;
    try {
      i = row.fieldIndex(column);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return row.isNullAt(i) ? null : row.get(i);
  }

  private static double[] toDoubles(List<Object> values) {
    return values.stream().mapToDouble(v -> v == null ? Double.NaN : ((Number) v).doubleValue()).toArray();
  }

  private static double number(Object v) {
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }

  private static String text(Object v) {
    return text(v, "");
  }

  private static String text(Object v, String missing) {
    return v == null ? missing : v.toString();
  }
}
