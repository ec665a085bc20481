package rnnlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import rnnlab.spec.TaskType;

/**
 * The memory horizon of each task, engine and cell: the table, the chart of accuracy against each task's
 * difficulty axis (counting-ones: window).
 */
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
    String xTitle = horizons.stream().map(MemoryHorizon::axis).distinct().collect(Collectors.joining(" / "));
    b.add(c.figure("memory horizon chart", "horizon.png",
        "Held-out accuracy of the best setting at each window",
        () -> Plot.Lines.of("Longer windows: held-out accuracy of each cell's best setting", xTitle,
            "held-out accuracy (mean over seeds)", series, false, true, criterion.threshold(),
            "solved: accuracy ≥ " + criterion.threshold())));
    b.add(new Report.Prose("Each line is one engine and cell type; each point is the best setting at that"
        + " window (most seeds solved, then highest mean held-out accuracy). Above the dashed line counts as"
        + " solved when enough seeds are; the legend gives each memory horizon."));
    return b;
  }

  /** What "memory horizon" means under {@code criterion}. */
  static String definition(Criterion criterion) {
    return "the longest value w of the task's difficulty axis (counting-ones: window; delayed-recall and"
        + " n-back: delay; adding: length) such that w and every smaller value tried for that task, engine"
        + " and cell are solved; a value is solved when some setting (all spec keys but the seed) reaches "
        + criterion.describe() + " (failed and diverged runs count as unsolved seeds). \"Longest"
        + " solved\" allows gaps.";
  }

  /**
   * The horizon table: {@code full} on the page, else the headline (summary and console). A first column
   * names each row's task and its difficulty axis when some run is of a task other than counting-ones (a
   * store of the lab's task alone keeps the table it always had).
   */
  Table table(ReportContext c, boolean full) {
    boolean tasks = horizons.stream().anyMatch(h -> !h.task().equals(TaskType.COUNTING_ONES.label()));
    List<String> columns = new ArrayList<>(full
        ? List.of("engine", "cell", "windows tried", "windows solved", "memory horizon", "longest solved",
            "best setting at the horizon", "seeds solved there", "mean held-out accuracy there",
            "mean long accuracy there")
        : List.of("engine", "cell", "windows tried", "memory horizon", "longest solved",
            "seeds solved at the horizon", "mean held-out accuracy there", "runs"));
    if (tasks) {
      columns.replaceAll(col -> col.replace("windows", "values"));
      columns.add(0, "task (difficulty axis)");
    }
    Table.Builder t = Table.with(columns.toArray(String[]::new));
    for (MemoryHorizon h : horizons) {
      List<String> settingKeys = c.axes().stream()
          .filter(k -> !List.of("task", "engine", "cell", h.axis()).contains(k)).toList();
      var at = h.windows().stream().filter(w -> w.window() == h.horizon()).findFirst();
      List<Object> row = new ArrayList<>(List.of(h.engine(), h.cell(),
          h.windows().stream().map(w -> String.valueOf(w.window())).collect(Collectors.joining(", "))));
      if (full) {
        row.add(h.solvedWindows().stream().map(String::valueOf).collect(Collectors.joining(", ")));
      }
      row.add(h.horizon() == 0 ? "none" : h.horizon());
      row.add(h.longestSolved() == 0 ? "none" : h.longestSolved());
      if (full) {
        row.add(at.map(w -> Aggregates.describe(w.best().best(), settingKeys)).orElse(""));
      }
      row.add(at.map(w -> w.best().solved() + " of " + w.best().runs()).orElse(""));
      row.add(at.map(w -> (Object) w.best().meanTest()).orElse(null));
      row.add(full ? at.map(w -> (Object) w.best().meanLong()).orElse(null) : runs(c, h));
      if (tasks) {
        row.add(0, h.task() + " (" + h.axis() + ")");
      }
      t.row(row.toArray());
    }
    return t.build();
  }

  /** The stored runs of {@code h}'s task, engine and cell. */
  private static int runs(ReportContext c, MemoryHorizon h) {
    return (int) c.runs().stream()
        .filter(r -> h.engine().equals(r.get("engine")) && h.cell().equals(r.get("cell"))
            && h.task().equals(Objects.requireNonNullElse(r.get("task"), TaskType.COUNTING_ONES.label())))
        .count();
  }
}
