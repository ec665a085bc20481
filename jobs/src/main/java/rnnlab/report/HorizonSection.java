package rnnlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The memory horizon of each engine and cell: the table, the chart of accuracy against window. */
final class HorizonSection implements ReportSection {

  private final List<MemoryHorizon> horizons;

  /** The section of {@code horizons} ({@link MemoryHorizon#of}). */
  HorizonSection(List<MemoryHorizon> horizons) {
    this.horizons = horizons;
  }

  @Override
  public String title() {
    return "Memory horizon";
  }

  @Override
  public List<Report.Block> compute(ReportContext c) {
    Criterion criterion = c.in().criterion();
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Definition("Memory horizon", definition(criterion)));
    if (horizons.isEmpty()) {
      b.add(c.missing("memory horizon: no runs with a window, engine and cell"));
      return b;
    }
    b.add(new Report.TableBlock(table(c, true)));
    List<Plot.Series> series = new ArrayList<>();
    for (MemoryHorizon h : horizons) {
      series.add(new Plot.Series(h.name() + " (horizon " + h.horizon() + ")",
          h.windows().stream().mapToDouble(MemoryHorizon.WindowResult::window).toArray(),
          h.windows().stream().mapToDouble(w -> w.best().meanTest()).toArray()));
    }
    b.add(c.figure("memory horizon chart", "horizon.png",
        "Held-out accuracy of the best setting at each window",
        () -> Plot.Lines.of("Longer windows: held-out accuracy of each cell's best setting", "window",
            "held-out accuracy (mean over seeds)", series, false, true, criterion.threshold(),
            "solved: accuracy ≥ " + criterion.threshold())));
    b.add(new Report.Prose("Each line is one engine and cell type; each point is the best setting at that"
        + " window (most seeds solved, then highest mean held-out accuracy). Above the dashed line counts as"
        + " solved when enough seeds are; the legend gives each memory horizon."));
    return b;
  }

  /** What "memory horizon" means under {@code criterion}. */
  static String definition(Criterion criterion) {
    return "the longest window w such that w and every shorter window tried for that engine and cell are"
        + " solved; a window is solved when some setting (all spec keys but the seed) reaches "
        + criterion.describe() + " (failed and diverged runs count as unsolved seeds). \"Longest"
        + " solved\" allows gaps.";
  }

  /** The horizon table: {@code full} on the page, else the headline (summary and console). */
  Table table(ReportContext c, boolean full) {
    Table.Builder t = full
        ? Table.with("engine", "cell", "windows tried", "windows solved", "memory horizon", "longest solved",
            "best setting at the horizon", "seeds solved there", "mean held-out accuracy there",
            "mean long accuracy there")
        : Table.with("engine", "cell", "windows tried", "memory horizon", "longest solved",
            "seeds solved at the horizon", "mean held-out accuracy there", "runs");
    List<String> settingKeys = c.axes().stream()
        .filter(k -> !List.of("engine", "cell", "window").contains(k)).toList();
    for (MemoryHorizon h : horizons) {
      var at = h.windows().stream().filter(w -> w.window() == h.horizon()).findFirst();
      String tried = h.windows().stream().map(w -> String.valueOf(w.window()))
          .collect(Collectors.joining(", "));
      if (full) {
        t.row(h.engine(), h.cell(), tried, h.solvedWindows().stream().map(String::valueOf)
                .collect(Collectors.joining(", ")), h.horizon() == 0 ? "none" : h.horizon(),
            h.longestSolved() == 0 ? "none" : h.longestSolved(),
            at.map(w -> Aggregates.describe(w.best().best(), settingKeys)).orElse(""),
            at.map(w -> w.best().solved() + " of " + w.best().runs()).orElse(""),
            at.map(w -> (Object) w.best().meanTest()).orElse(null),
            at.map(w -> (Object) w.best().meanLong()).orElse(null));
      } else {
        int runs = (int) c.runs().stream()
            .filter(r -> h.engine().equals(r.get("engine")) && h.cell().equals(r.get("cell"))).count();
        t.row(h.engine(), h.cell(), tried, h.horizon() == 0 ? "none" : h.horizon(),
            h.longestSolved() == 0 ? "none" : h.longestSolved(),
            at.map(w -> w.best().solved() + " of " + w.best().runs()).orElse(""),
            at.map(w -> (Object) w.best().meanTest()).orElse(null), runs);
      }
    }
    return t.build();
  }
}
