package rnnlab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.knowm.xchart.internal.chartpart.Chart;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.spec.TaskType;

/**
 * Computes a {@link Report} from stored runs: every section's tables, sentences and charts, and the notes
 * on what cannot be drawn (no runs, a single value, only NaN). Nothing here formats HTML or Markdown or
 * writes a file; {@link HtmlReport} and {@link MarkdownReport} do.
 */
final class ReportSections {

  /** Most heat-map panels and loss-curve charts drawn; the rest are named as left out. */
  static final int MAX_PANELS = 16;

  private final ReportPage.Input in;
  private final List<String> notes = new ArrayList<>();
  private final List<String> axes;

  private ReportSections(ReportPage.Input in) {
    this.in = in;
    this.notes.addAll(in.notes());
    this.axes = Aggregates.axes(in.runs());
  }

  /** The report of {@code in}. */
  static Report compute(ReportPage.Input in) {
    return new ReportSections(in).compute();
  }

  private Report compute() {
    List<MemoryHorizon> horizons = MemoryHorizon.of(in.runs(), in.criterion());
    List<Report.Section> sections = new ArrayList<>(List.of(
        new Report.Section("Sweep", sweepSection()),
        new Report.Section("States and time", statesSection()),
        new Report.Section("Memory horizon", horizonSection(horizons)),
        new Report.Section("Accuracy heat maps", heatMapSection()),
        new Report.Section("Loss curves", lossSection()),
        new Report.Section("Optimizer and learning rate", comparison("optimizer-lr",
            "optimizer and learning rate", "lr", "learning rate", "optimizer")),
        new Report.Section("Data size", comparison("data-size", "data size", "samples", "training sequences",
            "length")),
        new Report.Section("Best runs", bestSection())));
    if (!in.proposals().isEmpty()) {
      sections.add(new Report.Section("Model-based search", samplerSection()));
    }
    List<EarlyStopping> stopping = EarlyStopping.of(in.runs());
    if (!stopping.isEmpty()) {
      sections.add(new Report.Section("Early stopping", earlyStoppingSection(stopping)));
    }
    return new Report(in.sources(), in.runs().size(), stateLine(), horizonDefinition(),
        horizonTable(horizons, false), notes, sections);
  }

  // ---- sections

  private List<Report.Block> samplerSection() {
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Prose("Sweeps whose runs a sampler (TPE) proposed from the results so far, in the order"
        + " proposed: the best held-out accuracy after each run, and where the proposals went over each range"
        + " (the first runs are the random startup ones)."));
    Map<String, StoredRun> byId = new LinkedHashMap<>();
    in.runs().forEach(r -> byId.put(r.runId(), r));
    in.proposals().forEach((sweep, ids) -> {
      List<StoredRun> runs = ids.stream().map(byId::get).filter(Objects::nonNull).toList();
      if (runs.isEmpty()) {
        b.add(missing("model-based search " + sweep + ": none of its proposals is in the store"));
        return;
      }
      double[] x = new double[runs.size()];
      double[] best = new double[runs.size()];
      double so = Double.NaN;
      for (int i = 0; i < runs.size(); i++) {
        double a = runs.get(i).testAccuracy();
        if (!Double.isNaN(a) && (Double.isNaN(so) || a > so)) {
          so = a;
        }
        x[i] = i + 1;
        best[i] = so;
      }
      String slug = Charts.slug(sweep);
      b.add(new Report.Heading(sweep));
      b.add(chart("best so far " + sweep, "best-so-far-" + slug + ".png", sweep + ": best so far",
          () -> Charts.accuracyLines(sweep + ": best held-out accuracy so far", "runs (in proposal order)",
              "best held-out accuracy", List.of(new Charts.Series("best so far", x, best)), false, Double.NaN,
              "")));
      for (String axis : Aggregates.axes(runs)) {
        double[] values = runs.stream().mapToDouble(r -> r.get(axis) instanceof Number n ? n.doubleValue()
            : Double.NaN).toArray();
        if (Arrays.stream(values).anyMatch(Double::isNaN)) {
          Table.Builder t = Table.with(axis, "runs", "of the last half");
          List<StoredRun> late = runs.subList(runs.size() / 2, runs.size());
          Aggregates.groupBy(runs, r -> r.get(axis)).forEach((v, g) -> t.row(v, g.size(),
              late.stream().filter(r -> v.equals(r.get(axis))).count()));
          b.add(new Report.Prose("Proposals of " + axis + ":"));
          b.add(new Report.TableBlock(t.build()));
        } else {
          double max = Arrays.stream(values).max().orElse(1);
          double min = Arrays.stream(values).min().orElse(1);
          boolean log = min > 0 && max / min > 100;
          String file = "proposals-" + slug + "-" + Charts.slug(axis) + ".png";
          b.add(chart("proposals " + sweep + " " + axis, file,
              sweep + ": proposals of " + axis, () -> Charts.points(sweep + ": " + axis + " of each run",
                  "runs (in proposal order)", axis, x, values, log)));
        }
      }
    });
    return b;
  }

  private List<Report.Block> earlyStoppingSection(List<EarlyStopping> sweeps) {
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Prose("Sweeps with a scheduler (ASHA) stop runs at rungs; a stopped run is stored"
        + " pruned with its curve and held-out accuracy at the rung it reached. Epochs saved are against"
        + " training every run of the sweep to its last epoch."));
    Table.Builder t = Table.with("sweep", "runs", "pruned", "epochs trained", "epochs to train all",
        "saved", "runs reaching each rung (epochs: runs)");
    for (EarlyStopping e : sweeps) {
      t.row(e.sweep(), e.runs(), e.pruned(), e.epochsRun(), e.epochsFull(),
          String.format(Locale.ROOT, "%.0f%%", 100 * e.saved()), e.reached().entrySet().stream()
              .map(r -> r.getKey() + ": " + r.getValue()).collect(Collectors.joining(", ")));
    }
    b.add(new Report.TableBlock(t.build()));
    for (EarlyStopping e : sweeps) {
      List<Charts.Series> finished = new ArrayList<>();
      List<Charts.Series> stopped = new ArrayList<>();
      for (StoredRun r : in.runs()) {
        if (r.sweep().equals(e.sweep()) && r.lossCurve().length > 0) {
          double[] epochs = new double[r.lossCurve().length];
          Arrays.setAll(epochs, i -> i + 1);
          Charts.Series curve = new Charts.Series(r.runId(), epochs, r.lossCurve());
          (r.state() == RunState.PRUNED ? stopped : finished).add(curve);
        }
      }
      b.add(chart("early stopping " + e.sweep(), "early-stopping-" + Charts.slug(e.sweep()) + ".png",
          e.sweep() + ": every run's loss, pruned runs faint", () -> Charts.runCurves(e.sweep()
              + ": loss per run", finished, stopped, e.rungs())));
      b.add(new Report.Prose("Training loss of every run of " + e.sweep() + ": runs trained to the end in"
          + " colour (by run id, see Best runs), pruned runs faint, rungs dashed. Runs are ranked at each"
          + " rung by the sweep's metric, which need not be the loss."));
    }
    return b;
  }

  private List<Report.Block> sweepSection() {
    if (in.runs().isEmpty()) {
      return List.of(missing("sweep: the store holds no runs"));
    }
    List<StoredRun> runs = in.runs();
    long settings = runs.stream().map(StoredRun::setting).distinct().count();
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Prose(runs.size() + " runs: " + settings + " settings (every spec key but the seed) × "
        + Aggregates.distinct(runs, "seed").size() + " seeds. Axes (keys with more than one value): "
        + (axes.isEmpty() ? "none" : String.join(", ", axes)) + "."));
    Table.Builder sweeps = Table.with("sweep", "runs", "seeds", "axes and their values");
    Aggregates.groupBy(runs, StoredRun::sweep).forEach((sweep, group) -> {
      List<String> parts = new ArrayList<>();
      for (String axis : Aggregates.axes(group)) {
        parts.add(axis + ": " + Aggregates.distinct(group, axis).stream().map(Table::format)
            .collect(Collectors.joining(", ")));
      }
      sweeps.row(sweep, group.size(), Aggregates.distinct(group, "seed").size(),
          parts.isEmpty() ? "(a single setting)" : String.join("; ", parts));
    });
    b.add(new Report.TableBlock(sweeps.build()));
    Table.Builder fixed = Table.with("key", "value");
    for (String key : RunSpec.keys()) {
      List<Object> values = Aggregates.distinct(runs, key);
      if (!key.equals("seed") && values.size() == 1) {
        fixed.row(key, values.get(0));
      }
    }
    b.add(new Report.Details("Keys with one value in every run",
        List.of(new Report.TableBlock(fixed.build()))));
    return b;
  }

  private List<Report.Block> statesSection() {
    if (in.runs().isEmpty()) {
      return List.of(missing("states and time: the store holds no runs"));
    }
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Prose(stateLine() + "."));
    Table.Builder states = Table.with("sweep", "ok", "diverged", "failed", "pruned", "other", "runs");
    Aggregates.groupBy(in.runs(), StoredRun::sweep).forEach((sweep, group) -> {
      Map<String, Long> n = countStates(group);
      states.row(sweep, n.get("ok"), n.get("diverged"), n.get("failed"), n.get("pruned"), n.get("other"),
          group.size());
    });
    b.add(new Report.TableBlock(states.build()));
    Map<List<String>, List<StoredRun>> messages = Aggregates.groupBy(
        in.runs().stream().filter(r -> !r.ok()).toList(), r -> List.of(r.state().label(), r.message()));
    if (!messages.isEmpty()) {
      Table.Builder m = Table.with("state", "message", "runs", "for example");
      messages.forEach((k, group) -> m.row(k.get(0), k.get(1), group.size(),
          group.get(0).runId() + " (" + Aggregates.describe(group.get(0), axes) + ")"));
      b.add(new Report.Heading("Why runs did not finish"));
      b.add(new Report.TableBlock(m.build()));
    }
    b.add(new Report.Heading("Training time"));
    b.add(new Report.Prose("Training time is the time spent in training epochs, as each run measured it:"
        + " start-up, data generation and evaluation are not included."));
    Table.Builder time = Table.with("engine", "cell", "runs", "total", "mean per run", "median per run",
        "longest run");
    Aggregates.groupBy(in.runs(), r -> List.of(r.label("engine"), r.label("cell"))).forEach((k, group) -> {
      long[] ms = group.stream().mapToLong(StoredRun::wallMs).sorted().toArray();
      long total = Arrays.stream(ms).sum();
      time.row(k.get(0), k.get(1), ms.length, duration(total), duration(total / ms.length),
          duration(ms[ms.length / 2]), duration(ms[ms.length - 1]));
    });
    b.add(new Report.TableBlock(time.build()));
    return b;
  }

  private List<Report.Block> horizonSection(List<MemoryHorizon> horizons) {
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Definition("Memory horizon", horizonDefinition()));
    if (horizons.isEmpty()) {
      b.add(missing("memory horizon: no runs with a window, engine and cell"));
      return b;
    }
    b.add(new Report.TableBlock(horizonTable(horizons, true)));
    List<Charts.Series> series = new ArrayList<>();
    for (MemoryHorizon h : horizons) {
      series.add(new Charts.Series(h.name() + " (horizon " + h.horizon() + ")",
          h.windows().stream().mapToDouble(MemoryHorizon.WindowResult::window).toArray(),
          h.windows().stream().mapToDouble(w -> w.best().meanTest()).toArray()));
    }
    String xTitle = horizons.stream().map(MemoryHorizon::axis).distinct().collect(Collectors.joining(" / "));
    b.add(chart("memory horizon chart", "horizon.png", "Held-out accuracy of the best setting at each window",
        () -> {
          var chart = Charts.accuracyLines("Longer windows: held-out accuracy of each cell's best setting",
              xTitle, "held-out accuracy (mean over seeds)", series, false, in.criterion().threshold(),
              "solved: accuracy ≥ " + in.criterion().threshold());
          chart.getStyler().setXAxisDecimalPattern("0");
          return chart;
        }));
    b.add(new Report.Prose("Each line is one engine and cell type; each point is the best setting at that"
        + " window (most seeds solved, then highest mean held-out accuracy). Above the dashed line counts as"
        + " solved when enough seeds are; the legend gives each memory horizon."));
    return b;
  }

  private List<Report.Block> heatMapSection() {
    List<StoredRun> runs = in.runs().stream().filter(r -> r.get("window") != null && r.get("hidden") != null)
        .toList();
    if (runs.isEmpty()) {
      return List.of(missing("accuracy heat maps: no runs with a window and hidden units"));
    }
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Prose("Each cell: the best setting at that window and hidden-unit count (the other axes"
        + " chosen by mean held-out accuracy), mean over its seeds. Left: held-out sequences of the training"
        + " length. Right: the same setting on sequences " + RunSpec.LONG_FACTOR + "× longer — high only"
        + " where the network generalises beyond the training length. Blank: no run, or no accuracy (failed"
        + " runs)."));
    List<String> panelKeys = List.of("engine", "cell", "optimizer");
    Map<List<Object>, List<StoredRun>> panels = new TreeMap<>(Aggregates.LIST_ORDER);
    panels.putAll(Aggregates.groupBy(runs, r -> Aggregates.values(r, panelKeys)));
    int drawn = 0;
    for (var panel : panels.entrySet()) {
      String name = panel.getKey().stream().map(String::valueOf).collect(Collectors.joining(" "));
      if (drawn++ == MAX_PANELS) {
        notes.add("heat maps: only the first " + MAX_PANELS + " of " + panels.size()
            + " engine/cell/optimizer panels are drawn");
        break;
      }
      List<Object> windows = Aggregates.distinct(panel.getValue(), "window");
      List<Object> hidden = Aggregates.distinct(panel.getValue(), "hidden");
      double[][] test = new double[windows.size()][hidden.size()];
      double[][] longer = new double[windows.size()][hidden.size()];
      for (int x = 0; x < windows.size(); x++) {
        for (int y = 0; y < hidden.size(); y++) {
          Object w = windows.get(x);
          Object h = hidden.get(y);
          List<StoredRun> cell = panel.getValue().stream()
              .filter(r -> w.equals(r.get("window")) && h.equals(r.get("hidden"))).toList();
          test[x][y] = Double.NaN;
          longer[x][y] = Double.NaN;
          if (!cell.isEmpty()) {
            SeedStats best = Aggregates.bestSetting(cell, in.criterion().threshold());
            test[x][y] = best.meanTest();
            longer[x][y] = best.meanLong();
          }
        }
      }
      b.add(new Report.Heading(name));
      String slug = Charts.slug(name);
      List<Report.Block> pair = List.of(
          chart("heat map " + name + " held-out", "heat-" + slug + "-test.png",
              name + ": held-out accuracy", () -> Charts.heatMap(name + ": held-out accuracy", "window",
                  windows, "hidden units (S1)", hidden, test)),
          chart("heat map " + name + " long", "heat-" + slug + "-long.png",
              name + ": accuracy on longer sequences", () -> Charts.heatMap(name + ": accuracy at "
                  + RunSpec.LONG_FACTOR + "× length", "window", windows, "hidden units (S1)", hidden,
                  longer)));
      b.add(new Report.Figures(pair.stream().filter(f -> f instanceof Report.Figure)
          .map(f -> (Report.Figure) f).toList()));
      pair.stream().filter(f -> f instanceof Report.Missing).forEach(b::add);
    }
    return b;
  }

  private List<Report.Block> lossSection() {
    List<String> keys = in.groupBy();
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Prose("Grouped by " + String.join(", ", keys) + " (--group-by). Line: median training"
        + " loss over the runs of a group at each epoch; band: their spread, minimum to maximum (seeds, and"
        + " any axis not grouped by). Logarithmic axis, as the lab plots it; epochs whose loss is not a"
        + " positive number (diverged) are left out."));
    if (in.bands().isEmpty()) {
      b.add(missing("loss curves: no run has a finite loss"));
      return b;
    }
    boolean panelled = keys.size() > 1
        && in.bands().stream().map(band -> band.group().get(0)).distinct().count() > 1;
    Map<Object, List<LossBand>> panels = new LinkedHashMap<>();
    for (LossBand band : in.bands()) {
      panels.computeIfAbsent(panelled ? band.group().get(0) : "all", k -> new ArrayList<>()).add(band);
    }
    List<String> seriesKeys = panelled ? keys.subList(1, keys.size()) : keys;
    int drawn = 0;
    for (var panel : panels.entrySet()) {
      if (drawn++ == MAX_PANELS) {
        notes.add("loss curves: only the first " + MAX_PANELS + " of " + panels.size() + " charts are drawn");
        break;
      }
      List<LossBand> bands = panel.getValue();
      if (bands.size() > Charts.MAX_SERIES) {
        notes.add("loss curves" + (panelled ? " for " + keys.get(0) + "=" + panel.getKey() : "") + ": "
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
      b.add(chart("loss curves " + panel.getKey(), "loss-" + Charts.slug(panel.getKey().toString()) + ".png",
          title, () -> Charts.lossBands(title, names, drawnBands)));
    }
    return b;
  }

  private List<Report.Block> comparison(String id, String what, String xKey, String xTitle,
      String seriesKey) {
    List<StoredRun> runs = in.runs().stream().filter(r -> r.get(xKey) != null && r.get(seriesKey) != null)
        .toList();
    List<Object> xs = Aggregates.distinct(runs, xKey);
    List<Object> seriesValues = Aggregates.distinct(runs, seriesKey);
    if (xs.size() < 2 && seriesValues.size() < 2) {
      return List.of(missing(what + ": every run has the same " + xKey + " and " + seriesKey + " ("
          + (xs.isEmpty() ? "none" : Table.format(xs.get(0))) + ", "
          + (seriesValues.isEmpty() ? "none" : Table.format(seriesValues.get(0))) + "): nothing to compare"));
    }
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Prose("Each point: every run with that " + seriesKey + " and " + xKey + ", all other"
        + " axes pooled (mean over runs with an accuracy). The table counts the runs solved ("
        + in.criterion().describe().replaceAll(" in at least.*", "") + ") and how many diverged."));
    Table.Builder t = Table.with(seriesKey, xKey, "runs", "ok", "diverged", "failed", "solved",
        "mean held-out accuracy", "mean long accuracy", "median final loss");
    List<Charts.Series> series = new ArrayList<>();
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
        Map<String, Long> n = countStates(group);
        double[] losses = group.stream().mapToDouble(StoredRun::finalLoss).filter(Double::isFinite).sorted()
            .toArray();
        t.row(s, xv, group.size(), n.get("ok"), n.get("diverged"), n.get("failed"),
            group.stream().filter(r -> r.solved(in.criterion().threshold())).count(), y[i],
            Aggregates.mean(group, StoredRun::longAccuracy),
            losses.length == 0 ? Double.NaN : losses[losses.length / 2]);
      }
      series.add(new Charts.Series(seriesKey + "=" + Table.format(s), x, y));
    }
    double span = ((Number) xs.get(xs.size() - 1)).doubleValue() / ((Number) xs.get(0)).doubleValue();
    boolean logX = xs.size() > 1 && span >= 10;
    List<Charts.Series> drawn = limit(series, what);
    b.add(chart(what + " chart", id + ".png", "Held-out accuracy by " + xTitle + " and " + seriesKey,
        () -> Charts.accuracyLines("Held-out accuracy by " + xTitle + " and " + seriesKey, xTitle
            + (logX ? " (log scale)" : ""), "held-out accuracy (mean over runs)", drawn, logX,
            Double.NaN, "")));
    b.add(new Report.TableBlock(t.build()));
    return b;
  }

  private List<Report.Block> bestSection() {
    if (in.runs().isEmpty()) {
      return List.of(missing("best runs: the store holds no runs"));
    }
    List<String> keys = in.groupBy();
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Prose("The best run of each group of " + String.join(", ", keys) + ": ok first, then"
        + " highest held-out accuracy, highest long accuracy, lowest final loss. Its command reruns it (same"
        + " spec, same numbers)."));
    Table.Builder t = Table.with(String.join(", ", keys), "run id", "state", "held-out accuracy",
        "long accuracy", "final loss", "epochs", "setting");
    List<Report.Block> commands = new ArrayList<>();
    Map<List<Object>, List<StoredRun>> groups =
        Aggregates.groupBy(in.runs(), r -> Aggregates.values(r, keys));
    groups.entrySet().stream().sorted((x, y) -> Aggregates.LIST_ORDER.compare(x.getKey(), y.getKey()))
        .forEach(g -> {
          StoredRun best = g.getValue().stream().min(Aggregates.BEST_FIRST).orElseThrow();
          String group = g.getKey().stream().map(Table::format).collect(Collectors.joining(", "));
          t.row(group, best.runId(), best.state().label(), best.testAccuracy(), best.longAccuracy(),
              best.finalLoss(),
              best.epochsRun(), Aggregates.describe(best, axes));
          Table.Builder spec = Table.with("key", "value");
          best.spec().forEach(spec::row);
          commands.add(new Report.Details(group + ": run " + best.runId(), List.of(
              new Report.Code(best.rerunCommand()), new Report.TableBlock(spec.build()))));
        });
    b.add(new Report.TableBlock(t.build()));
    b.add(new Report.Heading("Full specs and rerun commands"));
    b.addAll(commands);
    return b;
  }

  // ---- helpers

  /**
   * The horizons as a table; a first column names each row's task and its difficulty axis when some run is of
   * a task other than counting-ones (a store of the lab's task alone keeps the table it always had).
   */
  private Table horizonTable(List<MemoryHorizon> horizons, boolean full) {
    boolean tasks = horizons.stream().anyMatch(h -> !h.task().equals(TaskType.COUNTING_ONES.label()));
    List<String> columns = new ArrayList<>(full
        ? List.of("engine", "cell", "windows tried", "windows solved", "memory horizon", "longest solved",
            "best setting at the horizon", "seeds solved there", "mean held-out accuracy there",
            "mean long accuracy there")
        : List.of("engine", "cell", "windows tried", "memory horizon", "longest solved",
            "seeds solved at the horizon", "mean held-out accuracy there", "runs"));
    if (tasks) {
      columns.replaceAll(c -> c.replace("windows", "values"));
      columns.add(0, "task (difficulty axis)");
    }
    Table.Builder t = Table.with(columns.toArray(String[]::new));
    for (MemoryHorizon h : horizons) {
      List<String> settingKeys = axes.stream()
          .filter(k -> !List.of("task", "engine", "cell", h.axis()).contains(k)).toList();
      var at = h.windows().stream().filter(w -> w.window() == h.horizon()).findFirst();
      String tried = h.windows().stream().map(w -> String.valueOf(w.window()))
          .collect(Collectors.joining(", "));
      int runs = h.windows().stream().mapToInt(w -> (int) in.runs().stream()
          .filter(r -> h.engine().equals(r.get("engine")) && h.cell().equals(r.get("cell"))
              && h.task().equals(Objects.requireNonNullElse(r.get("task"), TaskType.COUNTING_ONES.label()))
              && Integer.valueOf(w.window()).equals(r.get(h.axis()))).count()).sum();
      List<Object> row = new ArrayList<>(List.of(h.engine(), h.cell(), tried));
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
      row.add(full ? at.map(w -> (Object) w.best().meanLong()).orElse(null) : runs);
      if (tasks) {
        row.add(0, h.task() + " (" + h.axis() + ")");
      }
      t.row(row.toArray());
    }
    return t.build();
  }

  private String horizonDefinition() {
    return "the longest value w of the task's difficulty axis (counting-ones: window; delayed-recall and"
        + " n-back: delay; adding: length) such that w and every smaller value tried for that task, engine"
        + " and cell are solved; a value is solved when some setting (all spec keys but the seed) reaches "
        + in.criterion().describe() + " (failed and diverged runs count as unsolved seeds). \"Longest"
        + " solved\" allows gaps.";
  }

  private String stateLine() {
    Map<String, Long> n = countStates(in.runs());
    long ms = in.runs().stream().mapToLong(StoredRun::wallMs).sum();
    return in.runs().size() + " runs: " + n.get("ok") + " ok, " + n.get("diverged") + " diverged, "
        + n.get("failed") + " failed" + (n.get("pruned") > 0 ? ", " + n.get("pruned") + " pruned" : "")
        + (n.get("other") > 0 ? ", " + n.get("other") + " in another state" : "")
        + "; training time " + duration(ms) + " in total";
  }

  private static Map<String, Long> countStates(List<StoredRun> runs) {
    Map<String, Long> n = new LinkedHashMap<>();
    for (String s : List.of("ok", "diverged", "failed", RunState.PRUNED.label(), "other")) {
      n.put(s, 0L);
    }
    runs.forEach(r -> n.merge(n.containsKey(r.state().label()) ? r.state().label() : "other", 1L, Long::sum));
    return n;
  }

  private List<Charts.Series> limit(List<Charts.Series> series, String what) {
    if (series.size() <= Charts.MAX_SERIES) {
      return series;
    }
    notes.add(what + ": " + series.size() + " series, only the first " + Charts.MAX_SERIES + " are drawn");
    return series.subList(0, Charts.MAX_SERIES);
  }

  /** The chart {@code draw} makes, or a note that it has nothing to draw. */
  private Report.Block chart(String what, String file, String alt, Supplier<Chart<?, ?>> draw) {
    try {
      return new Report.Figure(file, alt, draw.get());
    } catch (NothingToDrawException e) {
      return missing(what + " could not be drawn: " + e.getMessage());
    }
  }

  private Report.Missing missing(String text) {
    notes.add(text);
    return new Report.Missing(text);
  }

  /** {@code ms} as "850 ms", "12.3 s", "4 min 05 s" or "2 h 03 min". */
  static String duration(long ms) {
    if (ms < 1000) {
      return ms + " ms";
    } else if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    } else if (ms < 3_600_000) {
      return String.format(Locale.ROOT, "%d min %02d s", ms / 60_000, ms / 1000 % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", ms / 3_600_000, ms / 60_000 % 60);
  }
}
