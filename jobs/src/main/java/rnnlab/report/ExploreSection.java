package rnnlab.report;

import java.util.List;

/**
 * The page's interactive charts of every run ({@link Explore}): loss curves, parallel coordinates of the
 * varied keys coloured by the metric, slice plots, importance bars and a runs table. Left out when the store
 * holds no runs.
 */
final class ExploreSection implements ReportSection {

  private final List<Importance> importance;

  /** The section, showing {@code importance} ({@link Importance#of}) as bars. */
  ExploreSection(List<Importance> importance) {
    this.importance = importance;
  }

  @Override
  public String title() {
    return "Explore the runs";
  }

  @Override
  public List<Report.Block> compute(ReportContext c) {
    if (c.runs().isEmpty()) {
      return List.of();
    }
    Metric metric = c.in().metric();
    return List.of(new Report.Prose("Drawn in the browser from the runs (no network needed). Loss curves:"
        + " scroll or drag to zoom, hover a line to name its run. Parallel coordinates: one line per run"
        + " across the varied keys and the " + metric.words() + " (its colour); drag along an axis to keep"
        + " the runs in that range, which filters the table too. Slices: the " + metric.words() + " against"
        + " one key. The table sorts on a click on a column, filters on the text typed, and a run's id"
        + " shows its curve and the command that reruns it."),
        new Report.Interactive(Explore.of(c.runs(), c.axes(), metric, importance)));
  }
}
