package rnnlab.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import rnnlab.spec.RunState;

/**
 * Held-out accuracy against one numeric key ({@code xKey}), one line per value of another
 * ({@code seriesKey}), every other axis pooled; with a table of the runs solved and diverged at each point.
 *
 * @param title     the section's title
 * @param id        the chart's file name, without ".png"
 * @param what      what is compared, in words
 * @param xKey      the numeric key along x
 * @param xTitle    its axis title
 * @param seriesKey the key whose values are the lines
 */
record ComparisonSection(String title, String id, String what, String xKey, String xTitle, String seriesKey)
    implements ReportSection {

  @Override
  public List<Report.Block> compute(ReportContext c) {
    Criterion criterion = c.in().criterion();
    List<StoredRun> runs = c.runs();
    List<Object> xs = Aggregates.distinct(runs, xKey);
    List<Object> seriesValues = Aggregates.distinct(runs, seriesKey);
    if (xs.size() < 2 && seriesValues.size() < 2) {
      return List.of(c.missing(what + ": every run has the same " + xKey + " and " + seriesKey + " ("
          + (xs.isEmpty() ? "none" : Table.format(xs.get(0))) + ", "
          + (seriesValues.isEmpty() ? "none" : Table.format(seriesValues.get(0))) + "): nothing to compare"));
    }
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Prose("Each point: every run with that " + seriesKey + " and " + xKey + ", all other"
        + " axes pooled (mean over runs with an accuracy). The table counts the runs solved ("
        + criterion.describeRun() + ") and how many diverged."));
    Table.Builder t = Table.with(seriesKey, xKey, "runs", "ok", "diverged", "failed", "solved",
        "mean held-out accuracy", "mean long accuracy", "median final loss");
    List<Plot.Series> series = new ArrayList<>();
    for (Object s : seriesValues) {
      double[] x = new double[xs.size()];
      double[] y = new double[xs.size()];
      for (int i = 0; i < xs.size(); i++) {
        Object xv = xs.get(i);
        List<StoredRun> group = runs.stream()
            .filter(r -> s.equals(r.get(seriesKey)) && xv.equals(r.get(xKey))).toList();
        x[i] = ((Number) xv).doubleValue();
        y[i] = Aggregates.mean(group, StoredRun::testAccuracy);
        if (group.isEmpty()) {
          continue;
        }
        EnumMap<RunState, Long> n = Aggregates.countStates(group);
        double[] losses = group.stream().mapToDouble(StoredRun::finalLoss).filter(Double::isFinite).toArray();
        t.row(s, xv, group.size(), n.get(RunState.OK), n.get(RunState.DIVERGED), n.get(RunState.FAILED),
            group.stream().filter(r -> r.solved(criterion.threshold())).count(), y[i],
            Aggregates.mean(group, StoredRun::longAccuracy),
            losses.length == 0 ? Double.NaN : Aggregates.median(losses));
      }
      series.add(new Plot.Series(seriesKey + "=" + Table.format(s), x, y));
    }
    double span = ((Number) xs.get(xs.size() - 1)).doubleValue() / ((Number) xs.get(0)).doubleValue();
    boolean logX = xs.size() > 1 && span >= 10;
    List<Plot.Series> drawn = c.limit(series, what);
    String title = "Held-out accuracy by " + xTitle + " and " + seriesKey;
    b.add(c.figure(what + " chart", id + ".png", title, () -> Plot.Lines.of(title, xTitle
        + (logX ? " (log scale)" : ""), "held-out accuracy (mean over runs)", drawn, logX, false, Double.NaN,
        "")));
    b.add(new Report.TableBlock(t.build()));
    return b;
  }
}
