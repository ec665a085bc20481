package rnnlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import rnnlab.spec.RunSpec;

/**
 * Held-out accuracy (and accuracy on longer sequences) of the best setting at each window and hidden-unit
 * count, one pair of heat maps per engine, cell and optimizer.
 */
final class HeatMapSection implements ReportSection {

  private static final List<String> PANEL_KEYS = List.of("engine", "cell", "optimizer");

  @Override
  public String title() {
    return "Accuracy heat maps";
  }

  @Override
  public List<Report.Block> compute(ReportContext c) {
    List<StoredRun> runs = c.runs();
    if (runs.isEmpty()) {
      return List.of(c.missing("accuracy heat maps: no runs with a window and hidden units"));
    }
    List<Object> windows = Aggregates.distinct(runs, "window");
    List<Object> hidden = Aggregates.distinct(runs, "hidden");
    if (windows.size() < 2 && hidden.size() < 2) {
      return List.of(c.missing("accuracy heat maps: every run has the same window and hidden units ("
          + Table.format(windows.get(0)) + ", " + Table.format(hidden.get(0)) + "): one cell per panel, see"
          + " the memory horizon and best runs"));
    }
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Prose("Each cell: the best setting at that window and hidden-unit count (the other axes"
        + " chosen by mean held-out accuracy), mean over its seeds. Left: held-out sequences of the training"
        + " length. Right: the same setting on sequences " + RunSpec.LONG_FACTOR + "× longer — high only"
        + " where the network generalises beyond the training length. Blank: no run, or no accuracy (failed"
        + " runs)."));
    Map<List<Object>, List<StoredRun>> panels = new TreeMap<>(Aggregates.LIST_ORDER);
    panels.putAll(Aggregates.groupBy(runs, r -> Aggregates.values(r, PANEL_KEYS)));
    int drawn = 0;
    for (var panel : panels.entrySet()) {
      String name = panel.getKey().stream().map(String::valueOf).collect(Collectors.joining(" "));
      if (drawn++ == ReportContext.MAX_PANELS) {
        c.note("heat maps: only the first " + ReportContext.MAX_PANELS + " of " + panels.size()
            + " engine/cell/optimizer panels are drawn");
        break;
      }
      b.add(new Report.Heading(name));
      b.addAll(panel(c, name, panel.getValue()));
    }
    return b;
  }

  private static List<Report.Block> panel(ReportContext c, String name, List<StoredRun> runs) {
    List<Object> windows = Aggregates.distinct(runs, "window");
    List<Object> hidden = Aggregates.distinct(runs, "hidden");
    double[][] test = new double[windows.size()][hidden.size()];
    double[][] longer = new double[windows.size()][hidden.size()];
    for (int x = 0; x < windows.size(); x++) {
      for (int y = 0; y < hidden.size(); y++) {
        Object w = windows.get(x);
        Object h = hidden.get(y);
        List<StoredRun> cell = runs.stream()
            .filter(r -> w.equals(r.get("window")) && h.equals(r.get("hidden"))).toList();
        test[x][y] = Double.NaN;
        longer[x][y] = Double.NaN;
        if (!cell.isEmpty()) {
          SeedStats best = Aggregates.bestSetting(cell, c.in().criterion().threshold());
          test[x][y] = best.meanTest();
          longer[x][y] = best.meanLong();
        }
      }
    }
    String slug = Charts.slug(name);
    List<Report.Block> pair = List.of(
        c.figure("heat map " + name + " held-out", "heat-" + slug + "-test.png",
            name + ": held-out accuracy", () -> Plot.HeatMap.of(name + ": held-out accuracy", "window",
                windows, "hidden units (S1)", hidden, test)),
        c.figure("heat map " + name + " long", "heat-" + slug + "-long.png",
            name + ": accuracy on longer sequences", () -> Plot.HeatMap.of(name + ": accuracy at "
                + RunSpec.LONG_FACTOR + "× length", "window", windows, "hidden units (S1)", hidden, longer)));
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Figures(pair.stream().filter(f -> f instanceof Report.Figure)
        .map(f -> (Report.Figure) f).toList()));
    pair.stream().filter(f -> f instanceof Report.Missing).forEach(b::add);
    return b;
  }
}
