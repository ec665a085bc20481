package rnnlab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss curves of one group of runs, per epoch: median and spread (minimum to maximum) over the runs.
 * Only finite, positive losses count (the chart's axis is logarithmic).
 *
 * @param group  the group's values of the grouping keys, in key order
 * @param runs   how many runs contributed
 * @param epoch  epochs (1-based) where at least one run had a usable loss, ascending
 * @param median median loss at each epoch
 * @param low    smallest loss at each epoch
 * @param high   largest loss at each epoch
 */
public record LossBand(List<Object> group, int runs, double[] epoch, double[] median, double[] low,
    double[] high) {

  public LossBand {
    if (median.length != epoch.length || low.length != epoch.length || high.length != epoch.length) {
      throw new IllegalArgumentException("band arrays differ in length: epoch " + epoch.length + ", median "
          + median.length + ", low " + low.length + ", high " + high.length);
    }
  }

  /**
   * Median, minimum and maximum loss per epoch over the runs of each group of {@code keys}, from the runs'
   * loss curves (a stored run's {@code loss_curve} holds the same numbers as its {@code curves} rows). Only
   * finite, positive losses count; an epoch no run of a group reached has no point; a group's run count is
   * its runs with at least one such loss. Groups in the order of their values.
   */
  public static List<LossBand> of(List<String> keys, List<StoredRun> runs) {
    Map<List<Object>, List<double[]>> curves = new LinkedHashMap<>();
    for (StoredRun r : runs) {
      if (Arrays.stream(r.lossCurve()).anyMatch(LossBand::usable)) {
        curves.computeIfAbsent(Aggregates.values(r, keys), g -> new ArrayList<>()).add(r.lossCurve());
      }
    }
    List<LossBand> bands = new ArrayList<>();
    curves.forEach((group, losses) -> {
      int longest = losses.stream().mapToInt(c -> c.length).max().orElse(0);
      List<double[]> points = new ArrayList<>(); // epoch, median, low, high
      for (int e = 0; e < longest; e++) {
        int epoch = e;
        double[] values = losses.stream().filter(c -> epoch < c.length && usable(c[epoch]))
            .mapToDouble(c -> c[epoch]).toArray();
        if (values.length > 0) {
          points.add(new double[] {e + 1, Aggregates.median(values),
              Arrays.stream(values).min().orElseThrow(), Arrays.stream(values).max().orElseThrow()});
        }
      }
      bands.add(new LossBand(group, losses.size(), column(points, 0), column(points, 1), column(points, 2),
          column(points, 3)));
    });
    bands.sort((a, b) -> Aggregates.LIST_ORDER.compare(a.group(), b.group()));
    return bands;
  }

  private static boolean usable(double loss) {
    return loss > 0 && loss < Double.MAX_VALUE;
  }

  private static double[] column(List<double[]> points, int i) {
    return points.stream().mapToDouble(p -> p[i]).toArray();
  }
}
