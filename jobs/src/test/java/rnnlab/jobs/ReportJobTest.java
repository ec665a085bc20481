package rnnlab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.cli.Main;
import rnnlab.report.Criterion;
import rnnlab.report.MemoryHorizonTest;
import rnnlab.report.Report;
import rnnlab.report.ReportPage;
import rnnlab.report.Reports;
import rnnlab.report.Runs;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.store.ResultSchema;
import rnnlab.store.ResultStore;
import rnnlab.sweep.SweepFile;
import rnnlab.train.RunResult;

class ReportJobTest {

  private static SparkSession spark;

  @TempDir
  static Path shared;

  private static Path constructed;

  @BeforeAll
  static void start() {
    spark = Stores.spark(shared);
    constructed = shared.resolve("constructed");
    List<RunResult> results = MemoryHorizonTest.constructedResults();
    Stores.write(spark, constructed, "horizon", results.subList(0, 10));
    Stores.write(spark, constructed, "horizon", results.subList(10, results.size()));
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  @Test
  @Tag("chromium")
  void constructedStoreGivesTheHandComputedHorizonOnPageSummaryAndConsole() throws IOException {
    Path out = shared.resolve("constructed-report");
    StringWriter console = new StringWriter();
    ReportPage.Written w = ReportJob.run(new ReportJob.Options(List.of(constructed.toString()), out,
        Criterion.DEFAULT, ReportJob.DEFAULT_GROUP_BY), new PrintWriter(console));
    List<List<String>> rows = w.headline().rows();
    assertEquals(List.of("numeric", "lstm", "2, 3, 4, 5, 6, 7", "6", "6", "1 of 2", "1", "15"), rows.get(0));
    assertEquals(List.of("numeric", "rnn", "2, 3, 4, 5, 6", "4", "6", "1 of 2", "0.795", "10"), rows.get(1));
    String md = Files.readString(w.summary());
    assertTrue(md.contains("| numeric | rnn | 2, 3, 4, 5, 6 | 4 | 6 | 1 of 2 | 0.795 | 10 |"), md);
    assertTrue(console.toString().contains("numeric  rnn   2, 3, 4, 5, 6"), console.toString());
    Report report = w.report();
    assertEquals("25 runs: 23 ok, 1 diverged, 1 failed; training time 37.5 s in total", report.stateLine());
    assertEquals(List.of("Sweep", "Explore the runs", "States and time", "Memory horizon",
        "Accuracy heat maps", "Loss curves",
        "Optimizer and learning rate", "Data size", "Hyperparameter importance", "Best runs"),
        Reports.titles(report));
    assertTrue(Reports.rows(Reports.section(report, "Memory horizon")).stream().anyMatch(r -> r.subList(0, 8)
        .equals(List.of("numeric", "lstm", "2, 3, 4, 5, 6, 7", "2, 3, 4, 5, 6", "6", "6", "hidden=20",
            "1 of 2"))), "horizon table");
    assertTrue(Reports.rows(Reports.section(report, "States and time")).stream().anyMatch(r -> r.subList(0, 3)
        .equals(List.of("diverged", "loss became NaN in epoch 4", "1"))), "messages");
    assertEquals(List.of("optimizer and learning rate: every run has the same lr and optimizer (0.1, sgd):"
        + " nothing to compare"), Reports.texts(Reports.section(report, "Optimizer and learning rate")));
    List<String> images = Reports.files(report);
    assertTrue(images.containsAll(List.of("horizon.png", "heat-numeric-rnn-sgd-test.png",
        "heat-numeric-lstm-sgd-long.png", "loss-lstm.png", "loss-rnn.png")), images.toString());
    for (String image : images) {
      BufferedImage png = ImageIO.read(out.resolve(image).toFile());
      assertTrue(png.getWidth() >= 500 && png.getHeight() >= 300, image);
    }
    Chromium.assertOpens(w.index(), Path.of("target", "report-constructed.png"));
    Report.Interactive explore = (Report.Interactive) Reports.blocks(Reports.section(report,
        "Explore the runs")).get(1);
    assertEquals(25, explore.data().runs().size());
    assertEquals(List.of("cell", "window", "hidden"), explore.data().keys());
    int[] page = Chromium.explore(w.index());
    assertTrue(page[0] >= 3 + explore.data().keys().size(), "curves, parallel, importance and one slice per"
        + " key drawn: " + page[0] + " canvases");
    assertEquals(25, page[1], "one table row per run");
    assertEquals(1, page[2], "sorted by run id after a header click");
    assertEquals(1, page[3], "filtered to the run id typed");
  }

  @Test
  @Tag("chromium")
  void realSweepReportsEveryRunAndItsRerunCommand() throws IOException {
    Path yaml = shared.resolve("tiny.yaml");
    Files.writeString(yaml, """
        name: tiny
        fixed: {hidden: 4, samples: 40, length: 6, test_samples: 20, epochs: 4}
        grid:
          window: [1, 2]
          cell: [rnn, lstm]
          optimizer: [sgd, adam]
        seeds: [0, 1]
        """);
    Path store = shared.resolve("real");
    SweepJob.Summary sweep = SweepJob.run(SweepFile.load(yaml, SweepFile.DEFAULT_MAX_RUNS),
        store.toString(), SweepJob.Context.of(new PrintWriter(Writer.nullWriter())).in(spark));
    assertEquals(16, sweep.runs());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "report", store.toString(),
        "--group-by", "cell,window");
    assertEquals(0, code, err.toString());
    Path index = store.resolve("report/index.html");
    String html = Files.readString(index);
    assertTrue(Files.readString(store.resolve("report/summary.md")).contains("16 runs: " + sweep.ok()
        + " ok, " + sweep.diverged() + " diverged, " + sweep.failed() + " failed"), "state line");
    List<Row> rows = ResultStore.reader(spark, store.toString()).runs().collectAsList();
    for (String cell : List.of("rnn", "lstm")) {
      for (int window : new int[] {1, 2}) {
        Row best = rows.stream()
            .filter(r -> r.getAs("cell").equals(cell) && (int) r.getAs("window") == window)
            .min(Comparator.comparing((Row r) -> !r.getAs("state").equals("ok"))
                .thenComparing(r -> -(double) r.getAs("test_accuracy"))
                .thenComparing(r -> -(double) r.getAs("long_accuracy"))
                .thenComparing(r -> (double) r.getAs("final_loss"))
                .thenComparing(r -> (String) r.getAs("run_id"))).orElseThrow();
        assertTrue(html.contains("./submit.sh train " + String.join(" ", ResultSchema.specOf(best).toArgs())),
            "rerun command of " + cell + " window " + window);
      }
    }
    assertTrue(out.toString().contains("numeric  lstm  1, 2"), out.toString());
    assertTrue(images(html).containsAll(List.of("optimizer-lr.png", "loss-lstm.png", "loss-rnn.png",
        "heat-numeric-lstm-adam-test.png")), images(html).toString());
    Chromium.assertOpens(index, Path.of("target", "report-screenshot.png"));
  }

  @Nested
  class Robustness {

    @Test
    void emptyStoreIsReportedNotFailed() throws IOException {
      Path store = shared.resolve("empty");
      Files.createDirectories(store.resolve("runs"));
      ReportPage.Written w = report(store);
      assertTrue(w.notes().stream().anyMatch(n -> n.contains("runs/ holds no Parquet files yet")), w.notes()
          .toString());
      assertTrue(w.notes().contains("memory horizon: no runs with a window, engine and cell"));
      assertEquals(List.of(), w.headline().rows());
      assertEquals(List.of("best runs: the store holds no runs"),
          Reports.texts(Reports.section(w.report(), "Best runs")));
    }

    @Test
    void everyStateNanValuesAndASingleAxis() throws IOException {
      Path store = shared.resolve("states");
      RunSpec base = RunSpec.LAB.with(Map.of("window", 2));
      List<RunResult> results = List.of(
          Runs.result(base.with("seed", 0), RunState.OK, Double.NaN, Double.NaN, Double.NaN),
          Runs.result(base.with("seed", 1), RunState.DIVERGED, 0.5, 0.5, Double.NaN),
          Runs.result(base.with("seed", 2), RunState.FAILED, Double.NaN, Double.NaN, Double.NaN),
          Runs.result(base.with(Map.of("seed", 3, "window", 3)), RunState.OK, 1.0, 0.9, 1e-4));
      Stores.write(spark, store, "states", results);
      ReportPage.Written w = report(store);
      assertTrue(w.report().stateLine().startsWith("4 runs: 2 ok, 1 diverged, 1 failed;"), "states");
      Report.Section states = Reports.section(w.report(), "States and time");
      assertTrue(Reports.rows(states).contains(List.of("states", "2", "1", "1", "0", "4")), "counts");
      assertTrue(Reports.rows(states).stream().anyMatch(r -> r.subList(0, 3).equals(List.of("failed",
          "IllegalStateException: made up for a test", "1"))), "messages");
      assertEquals(List.of("numeric", "rnn", "2, 3", "none", "3", "", "", "4"), w.headline().rows().get(0));
      assertTrue(Reports.texts(Reports.section(w.report(), "Sweep")).get(0)
          .endsWith("Axes (keys with more than one value): window."), "single axis");
      assertTrue(w.notes().stream()
          .anyMatch(n -> n.startsWith("optimizer and learning rate: every run has the same")));
      assertTrue(Reports.files(w.report()).contains("loss-all.png"), Reports.files(w.report()).toString());
      try (var files = Files.walk(store.resolve("curves"))) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
      ReportPage.Written partial = report(store);
      assertTrue(partial.notes().stream().anyMatch(n -> n.contains("no curves/ Parquet files; loss curves are"
          + " taken from runs.loss_curve")), partial.notes().toString());
      assertTrue(Reports.files(partial.report()).contains("loss-all.png"), "curves from runs");
    }

    @Test
    void twoSweepsWithDifferentAxesAreMerged() throws IOException {
      Path windows = shared.resolve("merge-windows");
      Path rates = shared.resolve("merge-rates");
      Stores.write(spark, windows, "windows", List.of(
          Runs.result(RunSpec.LAB.with("window", 2), RunState.OK, 1.0, 1.0, 1e-3),
          Runs.result(RunSpec.LAB.with("window", 4), RunState.OK, 0.7, 0.6, 0.3)));
      Stores.write(spark, rates, "rates", List.of(
          Runs.result(RunSpec.LAB, RunState.OK, 1.0, 1.0, 1e-4),
          Runs.result(RunSpec.LAB.with("lr", 0.01), RunState.OK, 0.8, 0.7, 0.2),
          Runs.result(RunSpec.LAB.with("window", 2), RunState.OK, 1.0, 1.0, 1e-3)));
      Path out = shared.resolve("merged-report");
      ReportPage.Written w = ReportJob.run(new ReportJob.Options(List.of(windows.toString(),
          rates.toString()), out,
          Criterion.DEFAULT, List.of("window", "lr")), new PrintWriter(new StringWriter()));
      assertTrue(w.report().stateLine().startsWith("4 runs: 4 ok"),
          "the run both stores hold is counted once");
      List<List<String>> sweeps = Reports.rows(Reports.section(w.report(), "Sweep"));
      assertTrue(sweeps.contains(List.of("windows", "2", "1", "window: 2, 4")), "first sweep");
      assertTrue(sweeps.contains(List.of("rates", "2", "1", "lr: 0.01, 0.1")),
          "second sweep, without the run the first store holds too");
      assertEquals(List.of("numeric", "rnn", "2, 3, 4", "3", "3", "1 of 1", "1", "4"),
          w.headline().rows().get(0));
      assertTrue(Reports.files(w.report()).contains("optimizer-lr.png"));
    }
  }

  @Nested
  class Commands {

    @Test
    void folderThatIsNotAStoreExitsTwoAndWritesNothing() throws IOException {
      Path notStore = Files.createDirectories(shared.resolve("not-a-store"));
      StringWriter err = new StringWriter();
      int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "report",
          notStore.toString());
      assertEquals(Main.BAD_INPUT, code);
      assertTrue(err.toString().contains(notStore + " is not a result store: it has no runs/ folder"),
          err.toString());
      assertFalse(Files.exists(notStore.resolve("report")));
      err.getBuffer().setLength(0);
      assertEquals(Main.BAD_INPUT, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
          "query", shared.resolve("missing").toString(), "SELECT 1"));
      assertTrue(err.toString().contains("is not a result store: no such folder"), err.toString());
    }

    @Test
    void badOptionsExitTwo() {
      StringWriter err = new StringWriter();
      assertEquals(Main.BAD_INPUT, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
          "report", constructed.toString(), "--group-by", "cell,colour"));
      assertTrue(err.toString().contains("--group-by: unknown key(s) colour"), err.toString());
      assertEquals(Main.BAD_INPUT, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
          "report", constructed.toString(), "--threshold", "1.5"));
      assertTrue(err.toString().contains("--threshold: expected a number in (0, 1], got 1.5"),
          err.toString());
      assertEquals(Main.BAD_INPUT, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
          "report", constructed.toString(), "--metric", "accuracy"));
      assertTrue(err.toString().contains("--metric: unknown metric accuracy; metrics are test_accuracy,"
          + " long_accuracy, train_accuracy, final_loss"), err.toString());
      assertFalse(Files.exists(constructed.resolve("report")));
    }

    @Test
    void queryAnswersAKnownQuestionAsTableAndCsv() throws IOException {
      String sql = "SELECT cell, count(*) AS runs, sum(CASE WHEN state = 'ok' THEN 1 ELSE 0 END) AS ok,"
          + " max(window) AS longest FROM runs GROUP BY cell ORDER BY cell";
      StringWriter out = new StringWriter();
      assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "query",
          constructed.toString(), sql));
      assertEquals("""
          cell  runs  ok  longest
          ----  ----  --  -------
          lstm  15    13  7
          rnn   10    10  6
          (2 rows)
          """, out.toString());
      Path csv = shared.resolve("answer.csv");
      assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
          "query", constructed.toString(), "SELECT run_id, epoch, loss FROM curves WHERE epoch = 4"
              + " ORDER BY run_id LIMIT 2", "--csv", csv.toString()));
      List<String> lines = Files.readAllLines(csv);
      assertEquals("run_id,epoch,loss", lines.get(0));
      assertEquals(3, lines.size());
      StringWriter err = new StringWriter();
      assertEquals(Main.BAD_INPUT, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
          "query", constructed.toString(), "SELECT nothing FROM runs"));
      assertTrue(err.toString().contains("nothing"), err.toString());
    }
  }

  private static ReportPage.Written report(Path store) throws IOException {
    return ReportJob.run(new ReportJob.Options(List.of(store.toString()), store.resolve("report"),
        Criterion.DEFAULT, ReportJob.DEFAULT_GROUP_BY), new PrintWriter(new StringWriter()));
  }

  static List<String> images(String html) {
    List<String> images = new ArrayList<>();
    Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
    while (m.find()) {
      images.add(m.group(1));
    }
    return images;
  }
}
