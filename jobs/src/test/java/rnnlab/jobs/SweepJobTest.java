package rnnlab.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.spec.RunSpec;
import rnnlab.store.ResultSchema;
import rnnlab.store.ResultStore;
import rnnlab.sweep.Sweep;
import rnnlab.sweep.SweepFile;
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
    Path file = dir.resolve("sweep-" + yaml.hashCode() + ".yaml");
    Files.writeString(file, yaml);
    return SweepFile.load(file, SweepFile.DEFAULT_MAX_RUNS);
  }

  static Map<String, Row> runsById(ResultStore store) {
    List<Row> rows = store.runs().collectAsList();
    Map<String, Row> byId = rows.stream().collect(Collectors.toMap(r -> r.getAs("run_id"), r -> r));
    assertEquals(rows.size(), byId.size(), "each run once");
    return byId;
  }

  static double[] doubles(Row row, String column) {
    return row.<Double>getList(row.fieldIndex(column)).stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Asserts that a stored row holds exactly what training {@code expected}'s spec gives. */
  static void assertRowHolds(RunResult expected, Row row) {
    assertEquals(expected.spec(), ResultSchema.specOf(row));
    assertEquals(expected.state().label(), row.getAs("state"));
    assertEquals(expected.message(), row.getAs("message"));
    assertArrayEquals(expected.lossCurve(), doubles(row, "loss_curve"));
    assertArrayEquals(expected.gradNormCurve(), doubles(row, "grad_norm_curve"));
    assertArrayEquals(expected.probeOutputs(), doubles(row, "probe_outputs"));
    assertEquals(expected.finalLoss(), (double) row.getAs("final_loss"));
    assertEquals(expected.trainAccuracy(), (double) row.getAs("train_accuracy"));
    assertEquals(expected.testAccuracy(), (double) row.getAs("test_accuracy"));
    assertEquals(expected.longAccuracy(), (double) row.getAs("long_accuracy"));
    assertEquals(expected.epochsRun(), (int) row.getAs("epochs_run"));
    assertEquals(expected.parameterCount(), (int) row.getAs("param_count"));
  }

  @Test
  void twelveRunsAreStoredRowByRowWithTheirCurves() throws IOException {
    Sweep sweep = sweep(TWELVE);
    SweepJob.Summary summary = SweepJob.run(spark, sweep, dir.resolve("out").toString(), 5, QUIET);
    assertEquals(12, summary.runs());
    assertEquals(12, summary.ok());
    assertEquals(0, summary.skipped());

    ResultStore store = ResultStore.open(spark, dir.resolve("out").toString());
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
    String half = TWELVE.replace("seeds: [0, 1, 2]", "seeds: [1]")
        .replace("hidden: [3, 5]", "hidden: [3, 5]");
    String out = dir.resolve("resumed").toString();
    SweepJob.Summary first = SweepJob.run(spark, sweep(half), out, 0, QUIET);
    assertEquals(4, first.trained());

    // a driver killed in the middle of a commit: a staged batch and a curves file without its runs file
    Path orphan = dir.resolve("resumed/curves/batch-1-deadbeef.parquet");
    Files.copy(Files.list(dir.resolve("resumed/curves")).filter(f -> f.toString().endsWith(".parquet"))
        .findFirst().orElseThrow(), orphan);
    Files.createDirectories(dir.resolve("resumed/_staging/batch-2-cafe/runs"));
    Files.writeString(dir.resolve("resumed/_staging/batch-2-cafe/runs/part-0.parquet"), "half a file");

    SweepJob.Summary second = SweepJob.run(spark, full, out, 3, QUIET);
    assertEquals(4, second.skipped());
    assertEquals(8, second.trained());
    assertFalse(Files.exists(orphan));
    assertFalse(Files.exists(dir.resolve("resumed/_staging")));

    SweepJob.Summary third = SweepJob.run(spark, full, out, 0, QUIET);
    assertEquals(12, third.skipped());
    assertEquals(0, third.trained());

    String straight = dir.resolve("straight").toString();
    SweepJob.run(spark, full, straight, 0, QUIET);
    Map<String, Row> resumed = runsById(ResultStore.open(spark, out));
    Map<String, Row> uninterrupted = runsById(ResultStore.open(spark, straight));
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
    assertEquals(36, ResultStore.open(spark, out).curves().count());
  }

  @Test
  void failedAndDivergedRunsAreStoredWithTheirStateAndTheSweepGoesOn() throws IOException {
    Path missing = dir.resolve("no-such-data");
    Sweep sweep = sweep("""
        name: broken
        fixed: {samples: 16, length: 5, test_samples: 4, epochs: 4, clip: none, window: 2}
        grid:
          lr: [0.1, 1.0e308]
          data: ["", "%s"]
        """.formatted(missing));
    SweepJob.Summary summary = SweepJob.run(spark, sweep, dir.resolve("b").toString(), 0, QUIET);
    assertEquals(1, summary.ok());
    assertEquals(1, summary.diverged());
    assertEquals(2, summary.failed());
    Map<String, Row> rows = runsById(ResultStore.open(spark, dir.resolve("b").toString()));
    for (RunSpec spec : sweep.runs()) {
      Row row = rows.get(spec.id());
      RunResult expected = Trainer.run(spec);
      assertEquals(expected.state().label(), row.getAs("state"));
      assertEquals(expected.message(), row.getAs("message"));
      String state = spec.data().isEmpty() ? (spec.lr() > 1 ? "diverged" : "ok") : "failed";
      assertEquals(state, row.getAs("state"), spec.toString());
      assertEquals(state.equals("ok"), row.<String>getAs("message").isEmpty());
      if (state.equals("failed")) {
        assertTrue(row.<String>getAs("message").contains(missing.getFileName().toString()),
            row.<String>getAs("message"));
        assertEquals(0, (int) row.getAs("epochs_run"));
      }
    }
  }
}
