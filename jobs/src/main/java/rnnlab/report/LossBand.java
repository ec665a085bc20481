package rnnlab.report;

import java.util.List;

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
}
