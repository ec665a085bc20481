package rnnlab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The data of the report page's interactive charts: every run with its varied keys' values, the metric,
 * its rerun command and its loss curve (downsampled for the overview), and the keys' importance. The
 * page's script ({@code explore.js}) only draws it.
 *
 * @param metric      the metric's column name
 * @param keys        the varied keys
 * @param choices     for each key its values when categorical, else empty
 * @param log         for each key whether its axis is logarithmic (positive numbers spanning 100× or more)
 * @param importance  the keys' fANOVA importance, largest first (may be empty)
 * @param runs        every run
 */
public record Explore(String metric, List<String> keys, List<List<Object>> choices, List<Boolean> log,
    List<Importance> importance, List<Run> runs) {

  /** Most points of a curve sent to the page. */
  static final int CURVE_POINTS = 60;

  /**
   * One run on the page.
   *
   * @param id     run id
   * @param sweep  its sweep
   * @param state  its state
   * @param values its values of the varied keys
   * @param metric its metric (NaN when it has none)
   * @param rerun  the command that reruns it
   * @param epochs the epochs of {@code loss} (1-based)
   * @param loss   its loss at those epochs
   */
  public record Run(String id, String sweep, String state, List<Object> values, double metric, String rerun,
      int[] epochs, double[] loss) {}

  /** The data of {@code runs} over the varied {@code keys} for {@code metric}. */
  static Explore of(List<StoredRun> runs, List<String> keys, Metric metric, List<Importance> importance) {
    List<List<Object>> choices = new ArrayList<>();
    List<Boolean> log = new ArrayList<>();
    for (String key : keys) {
      List<Object> values = Aggregates.distinct(runs, key);
      boolean numeric = values.stream().allMatch(v -> v instanceof Number);
      choices.add(numeric ? List.of() : values);
      double[] n = numeric ? values.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray()
          : new double[0];
      log.add(numeric && n.length > 0 && n[0] > 0 && n[n.length - 1] / n[0] >= 100);
    }
    List<Run> page = new ArrayList<>();
    for (StoredRun r : runs) {
      double[] curve = r.lossCurve();
      int step = Math.max(1, (curve.length + CURVE_POINTS - 1) / CURVE_POINTS);
      List<Integer> kept = new ArrayList<>();
      for (int e = 0; e < curve.length; e += step) {
        kept.add(e);
      }
      if (curve.length > 0 && kept.get(kept.size() - 1) != curve.length - 1) {
        kept.add(curve.length - 1);
      }
      page.add(new Run(r.runId(), r.sweep(), r.state().label(), Aggregates.values(r, keys), metric.of(r),
          r.rerunCommand(), kept.stream().mapToInt(e -> e + 1).toArray(),
          kept.stream().mapToDouble(e -> curve[e]).toArray()));
    }
    return new Explore(metric.label(), keys, choices, log, importance, page);
  }

  @Override
  public String toString() {
    return "Explore[" + metric + ", keys " + keys + ", " + runs.size() + " runs, importance "
        + Arrays.toString(importance.toArray()) + "]";
  }
}
