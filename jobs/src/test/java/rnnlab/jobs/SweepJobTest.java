package rnnlab.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.npy.Npy;
import rnnlab.spec.NdArray;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.store.BadStoreException;
import rnnlab.store.ResultSchema;
import rnnlab.store.ResultStore;
import rnnlab.store.StoreWriter;
import rnnlab.sweep.Sweep;
import rnnlab.spec.Engine;
import rnnlab.train.Provenance;
import rnnlab.train.RunResult;
import rnnlab.train.Trainer;

class SweepJobTest {

  /** Twelve tiny runs: window x hidden x 3 seeds. */
  static final String TWELVE = """
      name: twelve
      fixed: {samples: 24, length: 6, test_samples: 8, epochs: 3, lr: 0.2}
      grid:
        window: [2, 3]
        hidden: [3, 5]
      seeds: [0, 1, 2]
      """;

  static final PrintWriter QUIET = new PrintWriter(Writer.nullWriter());

  static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder().master("local[2]").appName("SweepJobTest")
        .config("spark.ui.enabled", false).getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.close();
  }

  Sweep sweep(String yaml) throws IOException {
    return Stores.sweep(dir, yaml);
  }

  static Map<String, Row> runsById(ResultStore store) {
    return runsById(store.runs());
  }

  static Map<String, Row> runsById(org.apache.spark.sql.Dataset<Row> runs) {
    List<Row> rows = runs.collectAsList();
    Map<String, Row> byId = rows.stream().collect(Collectors.toMap(r -> r.getAs("run_id"), r -> r));
    assertEquals(rows.size(), byId.size(), "each run once");
    return byId;
  }

  static double[] doubles(Row row, String column) {
    return row.<Double>getList(row.fieldIndex(column)).stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Asserts that a stored row, read back by {@link ResultSchema#read}, holds exactly what training
   * {@code expected}'s spec gives.
   */
  static void assertRowHolds(RunResult expected, Row row) {
    ResultSchema.StoredResult stored = ResultSchema.read(row);
    RunResult r = stored.result();
    assertEquals(ResultSchema.SCHEMA_VERSION, stored.schemaVersion());
    assertEquals(expected.spec(), r.spec());
    assertEquals(expected.runId(), row.getAs("run_id"));
    assertEquals(expected.state(), r.state());
    assertEquals(expected.message(), r.message());
    assertArrayEquals(expected.lossCurve(), r.lossCurve());
    assertArrayEquals(expected.gradNormCurve(), r.gradNormCurve());
    assertArrayEquals(expected.probeOutputs(), r.probeOutputs());
    assertEquals(expected.finalLoss(), r.finalLoss());
    assertEquals(expected.trainAccuracy(), r.trainAccuracy());
    assertEquals(expected.testAccuracy(), r.testAccuracy());
    assertEquals(expected.longAccuracy(), r.longAccuracy());
    assertEquals(expected.probeCorrect(), r.probeCorrect());
    assertEquals(expected.epochsRun(), r.epochsRun());
    assertEquals(expected.parameterCount(), r.parameterCount());
    assertEquals(expected.provenance().engine(), r.provenance().engine());
    assertEquals(expected.provenance().libraries(), r.provenance().libraries());
    assertEquals(expected.trace().isEmpty(), r.trace().isEmpty());
    assertEquals(expected.weights(), r.weights(), "final weights, to the bit (null for a failed run)");
  }

  @Test
  void twelveRunsAreStoredRowByRowWithTheirCurves() throws IOException {
    Sweep sweep = sweep(TWELVE);
    SweepJob.Summary summary = SweepJob.run(sweep, dir.resolve("out").toString(),
        SweepJob.Context.of(QUIET).in(spark).batchSize(5));
    assertEquals(12, summary.runs());
    assertEquals(12, summary.ok());
    assertEquals(0, summary.skipped());

    ResultStore store = ResultStore.reader(spark, dir.resolve("out").toString());
    Map<String, Row> rows = runsById(store);
    assertEquals(12, rows.size());
    for (RunSpec spec : sweep.runs()) {
      Row row = rows.get(spec.id());
      assertRowHolds(Trainer.run(spec), row);
      assertEquals("twelve", row.getAs("sweep"));
      assertTrue((long) row.getAs("wall_ms") >= 0);
    }
    // three batches of at most 5 runs, each a runs file and a curves file
    try (var files = Files.list(dir.resolve("out/runs"))) {
      assertEquals(3, files.filter(f -> f.toString().endsWith(".parquet")).count());
    }
    List<Row> curves = store.curves().collectAsList();
    assertEquals(12 * 3, curves.size());
    Map<String, Integer> epochs = new HashMap<>();
    for (Row c : curves) {
      Row run = rows.get(c.<String>getAs("run_id"));
      int epoch = c.getAs("epoch");
      assertEquals(doubles(run, "loss_curve")[epoch - 1], (double) c.getAs("loss"));
      assertEquals(doubles(run, "grad_norm_curve")[epoch - 1], (double) c.getAs("grad_norm"));
      assertEquals(epoch == 3, !c.isNullAt(c.fieldIndex("test_accuracy")));
      epochs.merge(c.getAs("run_id"), 1, Integer::sum);
    }
    assertTrue(epochs.values().stream().allMatch(n -> n == 3));
  }

  @Test
  void resumeRunsOnlyTheMissingRunsAndMatchesAnUninterruptedSweep() throws IOException {
    Sweep full = sweep(TWELVE);
    String half = TWELVE.replace("seeds: [0, 1, 2]", "seeds: [1]");
    String out = dir.resolve("resumed").toString();
    SweepJob.Summary first = SweepJob.run(sweep(half), out, SweepJob.Context.of(QUIET).in(spark));
    assertEquals(4, first.trained());

    // a driver killed in the middle of a commit: a staged batch and a curves file without its runs file
    Path orphan = dir.resolve("resumed/curves/batch-1-deadbeef.parquet");
    Files.copy(Files.list(dir.resolve("resumed/curves")).filter(f -> f.toString().endsWith(".parquet"))
        .findFirst().orElseThrow(), orphan);
    Files.createDirectories(dir.resolve("resumed/_staging/batch-2-cafe/runs"));
    Files.writeString(dir.resolve("resumed/_staging/batch-2-cafe/runs/part-0.parquet"), "half a file");

    SweepJob.Summary second = SweepJob.run(full, out, SweepJob.Context.of(QUIET).in(spark).batchSize(3));
    assertEquals(4, second.skipped());
    assertEquals(8, second.trained());
    assertFalse(Files.exists(orphan));
    assertFalse(Files.exists(dir.resolve("resumed/_staging")));

    SweepJob.Summary third = SweepJob.run(full, out, SweepJob.Context.of(QUIET).in(spark));
    assertEquals(12, third.skipped());
    assertEquals(0, third.trained());

    String straight = dir.resolve("straight").toString();
    SweepJob.run(full, straight, SweepJob.Context.of(QUIET).in(spark));
    Map<String, Row> resumed = runsById(ResultStore.reader(spark, out));
    Map<String, Row> uninterrupted = runsById(ResultStore.reader(spark, straight));
    assertEquals(uninterrupted.keySet(), resumed.keySet());
    assertEquals(12, resumed.size());
    for (String id : resumed.keySet()) {
      for (String column : List.of("loss_curve", "grad_norm_curve", "probe_outputs")) {
        assertArrayEquals(doubles(uninterrupted.get(id), column), doubles(resumed.get(id), column), column);
      }
      for (String column : List.of("final_loss", "train_accuracy", "test_accuracy", "long_accuracy")) {
        assertEquals((double) uninterrupted.get(id).getAs(column), (double) resumed.get(id).getAs(column));
      }
    }
    assertEquals(36, ResultStore.reader(spark, out).curves().count());
  }

  @Test
  void twoSweepsIntoOneStoreTakeTurnsAndStoreEachRunOnce() throws Exception {
    Sweep sweep = sweep(TWELVE);
    String out = dir.resolve("two").toString();
    var context = SweepJob.Context.of(QUIET).in(spark).batchSize(4).waitForStore(true);
    var first = CompletableFuture.supplyAsync(() -> SweepJob.run(sweep, out, context));
    var second = CompletableFuture.supplyAsync(() -> SweepJob.run(sweep, out, context));
    SweepJob.Summary a = first.get(5, TimeUnit.MINUTES);
    SweepJob.Summary b = second.get(5, TimeUnit.MINUTES);
    assertEquals(12, a.trained() + b.trained());
    assertEquals(12, runsById(ResultStore.reader(spark, out)).size());

    try (StoreWriter holder = StoreWriter.open(spark, out, false, note -> { })) {
      BadStoreException busy = assertThrows(BadStoreException.class,
          () -> SweepJob.run(sweep, out, SweepJob.Context.of(QUIET).in(spark)));
      assertTrue(busy.getMessage().contains("is being written by another writer"), busy.getMessage());
    }
  }

  @Test
  void retryFailedTrainsTheFailedRunsAgainAndTheirNewestRowWinsEverywhere() throws IOException {
    Sweep sweep = sweep(TWELVE);
    Path out = dir.resolve("retry");
    List<RunSpec> runs = sweep.runs();
    RunResult diverged = new RunResult(runs.get(2), RunState.DIVERGED, "loss became NaN in epoch 1",
        new double[] {Double.NaN}, new double[] {1}, Double.NaN, Double.NaN, Double.NaN, new double[0], 0, 1,
            0,
        0, Provenance.now(Engine.NUMERIC));
    Stores.write(spark, out, "twelve", List.of(RunResult.failed(runs.get(0), new OutOfMemoryError("heap")),
        RunResult.failed(runs.get(1), new IllegalStateException("executor lost")), diverged));

    SweepJob.Summary resumed = SweepJob.run(sweep, out.toString(), SweepJob.Context.of(QUIET).in(spark));
    assertEquals(9, resumed.trained(), "a plain rerun keeps failed runs");
    SweepJob.Summary retried = SweepJob.run(sweep, out.toString(),
        SweepJob.Context.of(QUIET).in(spark).retryFailed(true));
    assertEquals(2, retried.trained());
    assertEquals(2, retried.ok());

    ResultStore store = ResultStore.reader(spark, out.toString());
    assertEquals(14, store.runs().count(), "the failed rows stay for the record");
    assertEquals(12, store.latestRuns().count());
    Map<String, RunState> states = store.states();
    assertEquals(RunState.OK, states.get(runs.get(0).id()));
    assertEquals(RunState.DIVERGED, states.get(runs.get(2).id()), "diverged runs are not retried");
    assertRowHolds(Trainer.run(runs.get(1)), runsById(store.latestRuns()).get(runs.get(1).id()));

    var failedNow = QueryJob.run(spark, List.of(out.toString()),
        "SELECT count(*) FROM runs WHERE state = 'failed'", 0).shown();
    assertEquals("0", failedNow.rows().get(0).get(0));
    var failedEver = QueryJob.run(spark, List.of(out.toString()),
        "SELECT count(*) FROM all_runs WHERE state = 'failed'", 0).shown();
    assertEquals("2", failedEver.rows().get(0).get(0));
    Row oldRow = store.runs().where("state = 'failed'").orderBy("message").collectAsList().get(1);
    RunResult old = ResultSchema.read(oldRow).result();
    assertEquals(RunState.FAILED, old.state());
    assertTrue(old.trace().startsWith("java.lang.OutOfMemoryError: heap\n\tat "), old.trace());
  }

  @Test
  void failedAndDivergedRunsAreStoredWithTheirStateAndTheSweepGoesOn() throws IOException {
    Path misfit = Files.createDirectories(dir.resolve("misfit-weights"));
    Npy.write(misfit.resolve("LW_11.npy"), NdArray.matrix(2, 2, new double[4])); // hidden is 3
    Sweep sweep = sweep("""
        name: broken
        fixed: {samples: 16, length: 5, test_samples: 4, epochs: 4, clip: none, window: 2, hidden: 3}
        grid:
          lr: [0.1, 1.0e308]
          init_weights: ["", "%s"]
        """.formatted(misfit));
    SweepJob.Summary summary = SweepJob.run(sweep, dir.resolve("b").toString(),
        SweepJob.Context.of(QUIET).in(spark));
    assertEquals(1, summary.ok());
    assertEquals(1, summary.diverged());
    assertEquals(2, summary.failed());
    Map<String, Row> rows = runsById(ResultStore.reader(spark, dir.resolve("b").toString()));
    assertEquals(4, rows.size());
    for (Row row : rows.values()) {
      RunSpec spec = ResultSchema.specOf(row);
      RunResult expected = Trainer.run(spec);
      assertEquals(expected.state().label(), row.getAs("state"));
      assertEquals(expected.message(), row.getAs("message"));
      String state = spec.initWeights().isEmpty() ? (spec.lr() > 1 ? "diverged" : "ok") : "failed";
      assertEquals(state, row.getAs("state"), spec.toString());
      assertEquals(state.equals("ok"), row.<String>getAs("message").isEmpty());
      if (state.equals("failed")) {
        String message = row.getAs("message");
        assertTrue(message.contains(misfit.resolve("b_1.npy") + ": ") && message.contains("missing"),
            message);
        assertEquals(0, (int) row.getAs("epochs_run"));
      }
    }
  }
}
