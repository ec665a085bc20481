package rnnlab.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.search.TpeSampler;
import rnnlab.store.ResultSchema;
import rnnlab.report.StoredRun;
import rnnlab.store.ResultStore;
import rnnlab.sweep.Sweep;
import rnnlab.train.RunResult;
import rnnlab.spec.RunSpec;
import rnnlab.spec.ProgressListener;
import rnnlab.train.Trainer;

/** Early stopping and TPE on Spark in local mode: what is stored, exactness, resume after a kill. */
class SearchJobTest {

  /** Nine tiny runs over a wide learning-rate range; rungs at 1, 2 and 4 epochs. */
  static final String ASHA = """
      name: asha
      seed: 1
      fixed: {samples: 24, length: 6, test_samples: 16, epochs: 4, window: 2, hidden: 4, mode: minibatch,
              batch_size: 4}
      random:
        draws: 9
        ranges: {lr: {log-uniform: [0.001, 1]}, optimizer: {choice: [sgd, adam]}}
      search: {scheduler: asha, min_epochs: 1, reduction: 2}
      """;

  static final String TPE = """
      name: tpe
      seed: 2
      fixed: {samples: 24, length: 6, test_samples: 16, epochs: 2, window: 2, hidden: 4}
      random:
        draws: 8
        ranges: {lr: {log-uniform: [0.001, 1]}, optimizer: {choice: [sgd, adam]}}
      search: {sampler: tpe, startup: 4, parallel: 2}
      """;

  /** TPE proposing the runs ASHA stops early: 2 enqueued points, random runs, proposals; rungs 1, 2, 4. */
  static final String TPE_ASHA = """
      name: tpe-asha
      seed: 4
      fixed: {samples: 24, length: 6, test_samples: 16, epochs: 4, window: 2, hidden: 4, mode: minibatch,
              batch_size: 4}
      random:
        draws: 10
        ranges: {lr: {log-uniform: [0.001, 1]}, optimizer: {choice: [sgd, adam]}}
      search: {scheduler: asha, sampler: tpe, startup: 4, min_epochs: 1, reduction: 2,
               enqueue: [{lr: 0.05, optimizer: adam}, {optimizer: sgd}]}
      """;

  static final PrintWriter QUIET = SweepJobTest.QUIET;

  static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSpark(@TempDir Path tmp) {
    spark = Stores.spark(tmp);
  }

  @AfterAll
  static void stopSpark() {
    spark.close();
  }

  Sweep sweep(String yaml) throws IOException {
    return Stores.sweep(dir, yaml);
  }

  /** A console that throws on the {@code n}-th line starting with {@code prefix}: the driver is killed. */
  static PrintWriter killAt(String prefix, int n) {
    return new PrintWriter(Writer.nullWriter()) {
      private int seen;

      @Override
      public PrintWriter printf(Locale locale, String format, Object... args) {
        if (format.startsWith(prefix) && ++seen == n) {
          throw new IllegalStateException("killed");
        }
        return this;
      }
    };
  }

  static double[] doubles(Row row, String column) {
    return SweepJobTest.doubles(row, column);
  }

  /** Every run once; ok rows hold one-go training's numbers, pruned rows its numbers at their epoch. */
  static void assertAshaStore(Sweep sweep, ResultStore store) {
    Map<String, Row> rows = SweepJobTest.runsById(store);
    assertEquals(sweep.runs().size(), rows.size());
    int ok = 0;
    int pruned = 0;
    for (RunSpec spec : sweep.runs()) {
      Row row = rows.get(spec.id());
      RunResult whole = Trainer.run(spec);
      String state = row.getAs("state");
      if (state.equals("ok")) {
        SweepJobTest.assertRowHolds(whole, row);
        ok++;
      } else {
        assertEquals("pruned", state, "run " + spec.id());
        int epochs = row.getAs("epochs_run");
        assertTrue(epochs == 1 || epochs == 2, "pruned at a rung: " + epochs);
        assertArrayEquals(Arrays.copyOf(whole.lossCurve(), epochs), doubles(row, "loss_curve"));
        assertTrue(((String) row.getAs("message")).contains("stopped by asha after epoch " + epochs));
        assertEquals(Trainer.train(spec, null, epochs, ProgressListener.NONE).trained().weights(),
            ResultSchema.read(row).result().weights(), "a pruned run keeps its weights at its rung");
        pruned++;
      }
    }
    assertTrue(ok >= 1 && pruned >= 4, ok + " ok, " + pruned + " pruned");
  }

  /**
   * The runs TPE proposes for {@code sweep}, in order, worked out without Spark: study by study (grid
   * point), train each point once per seed, rank it by the mean, then propose.
   */
  static List<String> proposalsWithoutSpark(Sweep sweep) {
    List<String> ids = new ArrayList<>();
    for (Sweep study : TpeSampler.studies(sweep)) {
      ids.addAll(proposalsOfOneStudy(study));
    }
    return ids;
  }

  private static List<String> proposalsOfOneStudy(Sweep sweep) {
    TpeSampler sampler = new TpeSampler(sweep);
    List<TpeSampler.Scored> history = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<RunSpec> wave = sampler.startup();
    for (int k = -1; k < sampler.waves(); k++) {
      if (k >= 0) {
        wave = sampler.wave(k, history);
      }
      for (RunSpec point : wave) {
        List<Double> metrics = new ArrayList<>();
        for (RunSpec r : sampler.replicas(point)) {
          metrics.add(sweep.search().metric().of(Trainer.run(r)));
          ids.add(r.id());
        }
        history.add(new TpeSampler.Scored(point, TpeSampler.mean(metrics)));
      }
    }
    return ids;
  }

  /** The run ids a store's journal proposed, in order. */
  static List<String> proposals(SparkSession spark, String out) {
    return SearchLog.open(spark.sparkContext().hadoopConfiguration(), out).events().stream()
        .map(SearchLog.Event::runId).toList();
  }

  @Test
  void ashaStoresFinishedRunsExactlyAndPrunesTheRestWithTheirPartialCurves() throws IOException {
    Sweep sweep = sweep(ASHA);
    String out = dir.resolve("asha").toString();
    SearchJob.Summary s = SearchJob.run(spark, sweep, out, QUIET);
    assertEquals(9, s.runs());
    assertEquals(9, s.ok() + s.pruned() + s.diverged());
    assertEquals(9 * 4, s.fullEpochs());
    assertTrue(s.epochs() < s.fullEpochs(), s.toString());
    assertAshaStore(sweep, ResultStore.reader(spark, out));
    SearchLog log = SearchLog.open(spark.sparkContext().hadoopConfiguration(), out);
    assertEquals(0, log.checkpointCount(), "checkpoints are removed when runs end");
    // one report per leg: 9 first rungs, then one per promotion
    long reports = log.events().stream().filter(e -> e.kind() == SearchLog.Kind.REPORT).count();
    long promotions = log.events().stream().filter(e -> e.kind() == SearchLog.Kind.PROMOTE).count();
    assertEquals(9 + promotions, reports);
    assertTrue(promotions >= 4, "nine runs at rung 1 promote at least ⌊9/2⌋: " + promotions);

    SearchJob.Summary again = SearchJob.run(spark, sweep, out, QUIET);
    assertEquals(0, again.epochs(), "a finished sweep trains nothing when rerun");
    assertEquals(s.ok(), again.ok());
    assertEquals(s.pruned(), again.pruned());
  }

  /**
   * A search's data folder is read on the driver and its runs are pinned to the content, as a plain sweep's:
   * stored ids and {@code data} values are the pinned ones, and the numbers are those of the runs trained
   * alone.
   */
  @Test
  void searchesReadTheirDataOnTheDriverAndPinTheirRuns() throws IOException {
    Path data = dir.resolve("data");
    rnnlab.npy.NpyData.write(data, rnnlab.task.ParityTask.generate(24, 6, 6, 2,
        new java.util.SplittableRandom(3)));
    String fixed = "fixed: {data: \"" + data + "\", ";
    for (String yaml : List.of(ASHA.replace("draws: 9", "draws: 3").replace("fixed: {", fixed),
        TPE.replace("draws: 8", "draws: 4").replace("startup: 4", "startup: 2").replace("fixed: {", fixed))) {
      Sweep sweep = sweep(yaml);
      String out = dir.resolve(sweep.name() + "-data").toString();
      SearchJob.run(spark, sweep, out, QUIET);
      Map<String, Row> rows = SweepJobTest.runsById(ResultStore.reader(spark, out));
      for (Row row : rows.values()) {
        assertTrue(row.<String>getAs("data").startsWith(data + "@sha256:"), row.<String>getAs("data"));
        RunResult stored = ResultSchema.read(row).result();
        RunResult alone = Trainer.train(stored.spec(), null, stored.epochsRun(), ProgressListener.NONE)
            .trained().result();
        assertArrayEquals(alone.lossCurve(), stored.lossCurve(), sweep.name() + " " + stored.runId());
        assertEquals(alone.weights(), stored.weights());
      }
      RunSpec first = rnnlab.train.RunInputs.pin(sweep.runs().get(0), rnnlab.train.RunInputs.LOCAL).spec();
      assertTrue(rows.containsKey(first.id()), sweep.name() + ": the first run, pinned, is stored");
    }
  }

  @Test
  void aKilledAshaSweepResumesFromItsJournalAndCheckpoints() throws IOException {
    Sweep sweep = sweep(ASHA);
    String out = dir.resolve("killed").toString();
    assertThrows(IllegalStateException.class, () -> SearchJob.run(spark, sweep, out, killAt("asha:", 7)));
    SearchLog log = SearchLog.open(spark.sparkContext().hadoopConfiguration(), out);
    assertEquals(7, log.events().stream().filter(e -> e.kind() == SearchLog.Kind.REPORT).count());
    SearchJob.Summary rest = SearchJob.run(spark, sweep, out, QUIET);
    assertEquals(9, rest.runs());
    assertAshaStore(sweep, ResultStore.reader(spark, out));
    assertEquals(0, log.checkpointCount());
  }

  /**
   * Enqueued points are the first runs, count in the budget, and survive a kill: ASHA alone trains them then
   * the sweep's draws less as many; TPE starts its startup points with them.
   */
  @Test
  void enqueuedPointsTrainFirstCountInTheBudgetAndResume() throws IOException {
    Sweep asha = sweep(ASHA.replace("reduction: 2}", "reduction: 2,\n  enqueue: [{lr: 0.2, optimizer: sgd},"
        + " {lr: 0.01}]}"));
    String out = dir.resolve("asha-enqueue").toString();
    assertThrows(IllegalStateException.class, () -> SearchJob.run(spark, asha, out, killAt("asha:", 5)));
    SearchJob.Summary rest = SearchJob.run(spark, asha, out, QUIET);
    assertEquals(9, rest.runs(), "2 enqueued + 7 of the 9 draws");
    List<String> enqueued = asha.enqueued().stream().map(RunSpec::id).toList();
    List<String> expected = new ArrayList<>(enqueued);
    asha.runs().subList(0, 7).forEach(r -> expected.add(r.id()));
    List<String> started = SearchLog.read(spark.sparkContext().hadoopConfiguration(), out).stream()
        .filter(e -> e.kind() == SearchLog.Kind.START).map(SearchLog.Event::runId).toList();
    assertEquals(expected, started);
    assertEquals(new TreeSet<>(expected), SweepJobTest.runsById(ResultStore.reader(spark, out)).keySet());

    Sweep tpe = sweep(TPE.replace("startup: 4", "startup: 4, enqueue: [{lr: 0.2}]"));
    String tpeOut = dir.resolve("tpe-enqueue").toString();
    SearchJob.run(spark, tpe, tpeOut, QUIET);
    List<String> proposed = proposals(spark, tpeOut);
    assertEquals(tpe.enqueued().get(0).id(), proposed.get(0));
    assertEquals(tpe.runs().subList(0, 3).stream().map(RunSpec::id).toList(), proposed.subList(1, 4));
    assertEquals(proposalsWithoutSpark(tpe), proposed);
  }

  @Test
  void tpeRunsItsBudgetInDeterministicWavesAndResumesTheSameSequence() throws IOException {
    Sweep sweep = sweep(TPE);
    String whole = dir.resolve("whole").toString();
    SearchJob.Summary s = SearchJob.run(spark, sweep, whole, QUIET);
    Set<String> ids = new TreeSet<>(SweepJobTest.runsById(ResultStore.reader(spark, whole)).keySet());
    assertEquals(s.runs(), ids.size());
    assertTrue(ids.size() >= 6, "8 proposals, few repeats: " + ids.size());
    assertTrue(ids.containsAll(sweep.runs().subList(0, 4).stream().map(RunSpec::id).toList()));

    String killed = dir.resolve("tpe-killed").toString();
    assertThrows(IllegalStateException.class, () -> SearchJob.run(spark, sweep, killed, killAt("tpe:", 2)));
    SearchJob.Summary rest = SearchJob.run(spark, sweep, killed, QUIET);
    assertEquals(ids, new TreeSet<>(SweepJobTest.runsById(ResultStore.reader(spark, killed)).keySet()),
        "the resumed sweep proposes the same runs");
    assertTrue(rest.epochs() < s.epochs(), "the resumed part trained " + rest.epochs() + " epochs");
    Map<String, Row> rows = SweepJobTest.runsById(ResultStore.reader(spark, killed));
    for (String id : ids) {
      Row row = rows.get(id);
      SweepJobTest.assertRowHolds(Trainer.run(rnnlab.store.ResultSchema.specOf(row)), row);
    }
    assertEquals(0, SearchJob.run(spark, sweep, whole, QUIET).epochs(), "rerun of a finished sweep");
    List<String> proposed = proposals(spark, whole);
    assertEquals(proposalsWithoutSpark(sweep), proposed, "Spark's timing changes nothing");
    assertEquals(proposed, proposals(spark, killed), "the same proposals in the same order after a kill");

    Path report = dir.resolve("report");
    ReportJob.run(new ReportJob.Options(List.of(whole), report,
        rnnlab.report.Criterion.DEFAULT, ReportJob.DEFAULT_GROUP_BY), QUIET);
    String page = Files.readString(report.resolve("index.html"));
    assertTrue(page.contains("id=\"model-based-search\""), "TPE section");
    assertTrue(Files.size(report.resolve("best-so-far-tpe.png")) > 1000);
    assertTrue(Files.size(report.resolve("proposals-tpe-lr.png")) > 1000);
    assertTrue(page.contains("Proposals of optimizer"), "choices as a table");
  }

  /**
   * The proposals a TPE+ASHA journal must hold, worked out from its own reports: the enqueued points, then
   * the sweep's draws in order while rung 0 holds fewer than {@code startup} results, then TPE's proposals,
   * each from the results journaled before it at the highest rung holding at least {@code startup} of them
   * (else rung 0), with the runs started and not back from rung 0 as liars.
   */
  static void assertProposalsFollowTheJournal(Sweep sweep, List<SearchLog.Event> events) {
    TpeSampler sampler = new TpeSampler(sweep);
    int startup = sweep.search().startup();
    Map<String, RunSpec> specs = new java.util.LinkedHashMap<>();
    Set<String> back = new java.util.HashSet<>();
    List<List<TpeSampler.Scored>> rungs = new ArrayList<>();
    List<RunSpec> enqueued = sweep.enqueued();
    int queued = 0;
    int drawn = 0;
    int proposed = 0;
    for (SearchLog.Event e : events) {
      if (e.kind() == SearchLog.Kind.START) {
        RunSpec spec = null;
        while (spec == null || specs.containsKey(spec.id())) { // a repeat is skipped
          int atRungZero = rungs.isEmpty() ? 0 : rungs.get(0).size();
          if (queued < enqueued.size()) {
            spec = enqueued.get(queued++);
          } else if (atRungZero < startup) {
            spec = sweep.runs().get(drawn++);
          } else {
            List<TpeSampler.Scored> history = rungs.get(0);
            for (int k = rungs.size() - 1; k > 0; k--) {
              if (rungs.get(k).size() >= startup) {
                history = rungs.get(k);
                break;
              }
            }
            List<RunSpec> running = specs.values().stream().filter(r -> !back.contains(r.id())).toList();
            spec = sampler.proposal(proposed++, history, running);
          }
        }
        assertEquals(spec.id(), e.runId(), "start " + (queued + drawn + proposed - 1));
        specs.put(spec.id(), spec);
      } else if (e.kind() == SearchLog.Kind.REPORT) {
        while (rungs.size() <= e.rung()) {
          rungs.add(new ArrayList<>());
        }
        RunResult r = e.result();
        double metric = r.state() == rnnlab.spec.RunState.OK ? r.testAccuracy() : Double.NaN;
        rungs.get(e.rung()).add(new TpeSampler.Scored(specs.get(r.runId()), metric));
        back.add(r.runId());
      }
    }
    assertEquals(10, queued + drawn + proposed, "the budget of new runs, enqueued points included");
    assertTrue(queued == enqueued.size() && queued + drawn >= startup && proposed > 0, queued + " enqueued, "
        + drawn + " drawn, " + proposed + " proposed");
    for (List<TpeSampler.Scored> rung : rungs) {
      assertTrue(rung.stream().map(r -> r.spec().id()).distinct().count() == rung.size(), "no repeats");
    }
  }

  @Test
  void tpeWithAshaProposesFromRungResultsAndAKilledDriverResumesTheSameProposals() throws IOException {
    Sweep sweep = sweep(TPE_ASHA);
    String out = dir.resolve("tpe-asha").toString();
    SearchJob.Summary s = SearchJob.run(spark, sweep, out, QUIET);
    assertEquals("tpe+asha", s.search());
    assertTrue(s.epochs() < s.fullEpochs(), s.toString());
    Map<String, Row> rows = SweepJobTest.runsById(ResultStore.reader(spark, out));
    assertEquals(s.runs(), rows.size());
    assertTrue(s.pruned() >= 3, s.toString());
    List<SearchLog.Event> events = SearchLog.read(spark.sparkContext().hadoopConfiguration(), out);
    assertProposalsFollowTheJournal(sweep, events);
    Set<String> draws = new TreeSet<>(sweep.runs().stream().map(RunSpec::id).toList());
    sweep.enqueued().forEach(r -> draws.add(r.id()));
    assertTrue(rows.keySet().containsAll(sweep.enqueued().stream().map(RunSpec::id).toList()), "enqueued");
    long proposed = rows.keySet().stream().filter(id -> !draws.contains(id)).count();
    assertTrue(proposed >= 4, "TPE's proposals are not the sweep's random draws: " + proposed);
    for (Row row : rows.values()) {
      RunResult stored = ResultSchema.read(row).result();
      RunResult alone = Trainer.train(stored.spec(), null, stored.epochsRun(), ProgressListener.NONE)
          .trained().result();
      assertArrayEquals(alone.lossCurve(), stored.lossCurve(), "run " + stored.runId());
    }

    String killed = dir.resolve("tpe-asha-killed").toString();
    assertThrows(IllegalStateException.class, () -> SearchJob.run(spark, sweep, killed,
        killAt("tpe+asha:", 9)));
    List<SearchLog.Event> before = SearchLog.read(spark.sparkContext().hadoopConfiguration(), killed);
    SearchJob.Summary rest = SearchJob.run(spark, sweep, killed, QUIET);
    List<SearchLog.Event> after = SearchLog.read(spark.sparkContext().hadoopConfiguration(), killed);
    assertEquals(before.stream().map(SearchLog.Event::runId).toList(),
        after.subList(0, before.size()).stream().map(SearchLog.Event::runId).toList());
    assertProposalsFollowTheJournal(sweep, after);
    assertEquals(rest.runs(), SweepJobTest.runsById(ResultStore.reader(spark, killed)).size());
    assertEquals(0, SearchJob.run(spark, sweep, killed, QUIET).epochs(), "rerun of a finished sweep");

    List<StoredRun> stored = SweepJobTest.runsById(ResultStore.reader(spark, out)).values().stream()
        .map(row -> StoredRun.of(ResultSchema.read(row))).toList();
    List<String> started = events.stream().filter(e -> e.kind() == SearchLog.Kind.START)
        .map(SearchLog.Event::runId).toList();
    assertEquals(Map.of("tpe-asha", started), ReportJob.proposals(spark.sparkContext().hadoopConfiguration(),
        List.of(out), stored), "the report draws TPE+ASHA's runs in proposal order");
    Path report = dir.resolve("tpe-asha-report");
    ReportJob.run(new ReportJob.Options(List.of(out), report, rnnlab.report.Criterion.DEFAULT,
        ReportJob.DEFAULT_GROUP_BY), QUIET);
    String page = Files.readString(report.resolve("index.html"));
    assertTrue(page.contains("id=\"model-based-search\""), "TPE+ASHA in the model-based section");
    assertTrue(page.contains("proposed runs were stopped early by ASHA"), "pruned proposals counted");
    assertTrue(Files.size(report.resolve("best-so-far-tpe-asha.png")) > 1000);
  }

  @Test
  void tpeOverSeedsTrainsEachPointOncePerSeedAndRanksItByTheMean() throws IOException {
    Sweep sweep = sweep(TPE.replace("draws: 8", "draws: 5").replace("startup: 4", "startup: 2")
        .replace("search:", "replicates: 2\nsearch:"));
    String out = dir.resolve("tpe-seeds").toString();
    SearchJob.Summary s = SearchJob.run(spark, sweep, out, QUIET);
    List<String> proposed = proposals(spark, out);
    assertEquals(10, proposed.size(), "5 points x 2 seeds");
    assertEquals(proposalsWithoutSpark(sweep), proposed, "ranked by the mean over the seeds");
    Map<String, Row> rows = SweepJobTest.runsById(ResultStore.reader(spark, out));
    assertEquals(s.runs(), rows.size());
    for (int i = 0; i < proposed.size(); i += 2) {
      RunSpec first = ResultSchema.specOf(rows.get(proposed.get(i)));
      RunSpec second = ResultSchema.specOf(rows.get(proposed.get(i + 1)));
      assertEquals(List.of(0L, 1L), List.of(first.seed(), second.seed()), "point " + i / 2);
      assertEquals(first.with("seed", 1), second, "the same point with the next seed");
    }
  }

  @Test
  void tpeOverGridAxesRunsOneStudyPerGridPoint() throws IOException {
    Sweep sweep = sweep(TPE.replace("draws: 8", "draws: 4").replace("startup: 4", "startup: 2")
        .replace("window: 2, ", "").replace("random:", "grid: {window: [2, 3]}\nrandom:"));
    String out = dir.resolve("tpe-grid").toString();
    SearchJob.run(spark, sweep, out, QUIET);
    List<String> proposed = proposals(spark, out);
    assertEquals(8, proposed.size(), "2 grid points x 4 points");
    assertEquals(proposalsWithoutSpark(sweep), proposed);
    Map<String, Row> rows = SweepJobTest.runsById(ResultStore.reader(spark, out));
    for (int i = 0; i < proposed.size(); i++) {
      assertEquals(i < 4 ? 2 : 3, ResultSchema.specOf(rows.get(proposed.get(i))).window(), "run " + i);
    }
    List<String> windowTwo = proposed.subList(0, 4);
    assertTrue(windowTwo.containsAll(new TpeSampler(TpeSampler.studies(sweep).get(0)).startup().stream()
        .map(RunSpec::id).toList()), "each study starts from the sweep's own draws at its grid point");
  }
}
