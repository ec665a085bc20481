package rnnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Training loss per epoch, median and spread over the runs of each group of {@code --group-by}. */
final class LossSection implements ReportSection {

  @Override
  public String title() {
    return "Loss curves";
  }

  @Override
  public List<Report.Block> compute(ReportContext c) {
    List<String> keys = c.in().groupBy();
    List<LossBand> all = c.in().bands();
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Prose("Grouped by " + String.join(", ", keys) + " (--group-by). Line: median training"
        + " loss over the runs of a group at each epoch; band: their spread, minimum to maximum (seeds, and"
        + " any axis not grouped by). Logarithmic axis, as the lab plots it; epochs whose loss is not a"
        + " positive number (diverged) are left out."));
    if (all.isEmpty()) {
      b.add(c.missing("loss curves: no run has a finite loss"));
      return b;
    }
    boolean panelled = keys.size() > 1
        && all.stream().map(band -> band.group().get(0)).distinct().count() > 1;
    Map<Object, List<LossBand>> panels = new LinkedHashMap<>();
    for (LossBand band : all) {
      panels.computeIfAbsent(panelled ? band.group().get(0) : "all", k -> new ArrayList<>()).add(band);
    }
    List<String> seriesKeys = panelled ? keys.subList(1, keys.size()) : keys;
    int drawn = 0;
    for (var panel : panels.entrySet()) {
      if (drawn++ == ReportContext.MAX_PANELS) {
        c.note("loss curves: only the first " + ReportContext.MAX_PANELS + " of " + panels.size()
            + " charts are drawn");
        break;
      }
      List<LossBand> bands = panel.getValue();
      if (bands.size() > Charts.MAX_SERIES) {
        c.note("loss curves" + (panelled ? " for " + keys.get(0) + "=" + panel.getKey() : "") + ": "
            + bands.size() + " groups, only the first " + Charts.MAX_SERIES + " are drawn (see the best-runs"
            + " table, or group by fewer keys)");
        bands = bands.subList(0, Charts.MAX_SERIES);
      }
      List<String> names = new ArrayList<>();
      for (LossBand band : bands) {
        List<Object> values = panelled ? band.group().subList(1, band.group().size()) : band.group();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < seriesKeys.size(); i++) {
          parts.add(seriesKeys.get(i) + "=" + Table.format(values.get(i)));
        }
        names.add(String.join(" ", parts) + " (" + band.runs() + " runs)");
      }
      String title = "Training loss" + (panelled ? ", " + keys.get(0) + "=" + panel.getKey() : "");
      List<LossBand> drawnBands = bands;
      String file = "loss-" + Charts.slug(panel.getKey().toString()) + ".png";
      b.add(c.figure("loss curves " + panel.getKey(), file, title,
          () -> new Plot.Bands(title, names, drawnBands)));
    }
    return b;
  }
}
