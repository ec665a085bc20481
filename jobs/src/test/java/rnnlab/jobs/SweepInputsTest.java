package rnnlab.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.spec.NdArray;
import rnnlab.npy.Npy;
import rnnlab.npy.NpyData;
import rnnlab.spec.BadInputException;
import rnnlab.npy.WeightFiles;
import rnnlab.store.ResultSchema;
import rnnlab.store.ResultStore;
import rnnlab.sweep.Sweep;
import rnnlab.sweep.SweepFile;
import rnnlab.task.ParityTask;
import rnnlab.train.Datasets;
import rnnlab.spec.ProgressListener;
import rnnlab.train.RunInputs;
import rnnlab.train.RunResult;
import rnnlab.train.RunSeeds;
import rnnlab.spec.RunSpec;
import rnnlab.train.Trainer;

/** Runs' data and initial weights are read on the driver, shipped to the tasks, and named by content. */
class SweepInputsTest {

  static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void start(@TempDir Path tmp) {
    spark = Stores.spark(tmp);
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  static final RunSpec SMALL = RunSpec.of(Map.of("samples", 24, "length", 6, "test_samples", 8, "epochs", 3,
      "hidden", 3, "window", 2));

  /** A data folder: 24 counting-ones sequences of window 2, and a held-out set when {@code heldOut}. */
  static Path dataFolder(Path dir, long seed, boolean heldOut) throws IOException {
    NpyData.write(dir, ParityTask.generate(24, 6, 6, 2, new SplittableRandom(seed)));
    if (heldOut) {
      Path test = dir.resolve("test");
      NpyData.write(test, ParityTask.generate(10, 6, 6, 2, new SplittableRandom(seed + 100)));
      Files.move(test.resolve("X.npy"), dir.resolve("X_test.npy"));
      Files.move(test.resolve("y.npy"), dir.resolve("y_test.npy"));
      Files.delete(test);
    }
    return dir;
  }

  static void deleteTree(Path p) throws IOException {
    try (Stream<Path> files = Files.walk(p)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  @Test
  void tasksTrainOnWhatTheDriverReadEvenAfterTheFilesAreGone() throws IOException {
    Path data = dataFolder(dir.resolve("data"), 1, true);
    Path weights = dir.resolve("w");
    WeightFiles.write(weights, Trainer.train(SMALL.with("seed", 9), ProgressListener.NONE).weights());
    List<RunSpec> runs = List.of(SMALL.with("data", data.toString()),
        SMALL.with(Map.of("data", data.toString(), "init_weights", weights.toString())), SMALL);
    List<RunResult> expected = runs.stream().map(Trainer::run).toList();

    SweepInputs inputs = SweepInputs.read(runs, new Configuration());
    RunInputs shipped = SweepInputs.of(inputs.inputs(), inputs.runs().get(0));
    var heldOut = NpyData.set(data.toString(), "_test", Npy.read(data.resolve("X_test.npy")),
        Npy.read(data.resolve("y_test.npy")), null);
    var test = Datasets.of(inputs.runs().get(0), RunSeeds.of(0), shipped).test();
    assertArrayEquals(heldOut.inputs(), test.inputs(), "held-out accuracy is taken on X_test.npy");
    assertArrayEquals(heldOut.targets(), test.targets(), "and y_test.npy");
    deleteTree(data);
    deleteTree(weights);
    String out = dir.resolve("out").toString();
    SweepJob.Summary summary = SweepJob.run("gone", inputs, out,
        SweepJob.Context.of(SweepJobTest.QUIET).in(spark));
    assertEquals(3, summary.ok());
    Map<String, Row> rows = SweepJobTest.runsById(ResultStore.reader(spark, out));
    for (RunResult e : expected) {
      SweepJobTest.assertRowHolds(e, rows.get(e.runId()));
    }
    RunSpec stored = ResultSchema.specOf(rows.get(expected.get(1).runId()));
    assertTrue(stored.data().startsWith(data + RunSpec.PIN), stored.data());
    assertTrue(stored.initWeights().startsWith(weights + RunSpec.PIN), stored.initWeights());
  }

  @Test
  void theRunIdCoversTheArraysNotThePath() throws IOException {
    Path a = dataFolder(dir.resolve("a"), 1, false);
    Path b = dataFolder(dir.resolve("b"), 1, false);
    RunSpec fromA = SweepInputs.read(List.of(SMALL.with("data", a.toString())),
        new Configuration()).runs().get(0);
    RunSpec fromB = SweepInputs.read(List.of(SMALL.with("data", b.toString())),
        new Configuration()).runs().get(0);
    assertEquals(fromA.id(), fromB.id(), "same arrays, other folder");
    assertNotEquals(fromA, fromB);

    Npy.write(b.resolve("X.npy"), new NdArray(new int[] {24, 6, 1}, new double[24 * 6]));
    RunSpec changed = SweepInputs.read(List.of(SMALL.with("data", b.toString())), new Configuration()).runs()
        .get(0);
    assertNotEquals(fromB.id(), changed.id(), "the files changed: a new run");

    BadInputException stale = assertThrows(BadInputException.class,
        () -> SweepInputs.read(List.of(fromB), new Configuration()));
    assertTrue(stale.getMessage().contains("changed since the run was pinned"), stale.getMessage());

    assertEquals(SMALL.id(), SweepInputs.read(List.of(SMALL), new Configuration()).runs().get(0).id(),
        "generated data: nothing pinned, the id of rnnlab 0.1.0");
  }

  @Test
  void badDataIsRefusedBeforeAnythingIsWritten() throws IOException {
    Path data = dataFolder(dir.resolve("nan"), 1, false);
    double[] x = new double[24 * 6];
    x[7] = Double.NaN;
    Npy.write(data.resolve("X.npy"), new NdArray(new int[] {24, 6, 1}, x));
    Path out = dir.resolve("out");
    for (Path bad : List.of(data, dir.resolve("missing"))) {
      Path yaml = Files.writeString(dir.resolve("bad.yaml"), """
          name: bad
          fixed: {samples: 24, length: 6, epochs: 2, hidden: 3, window: 2}
          grid: {data: ["", "%s"]}
          """.formatted(bad));
      Sweep sweep = SweepFile.load(yaml, SweepFile.DEFAULT_MAX_RUNS);
      BadInputException e = assertThrows(BadInputException.class,
          () -> SweepJob.run(sweep, out.toString(), SweepJob.Context.of(SweepJobTest.QUIET).in(spark)));
      assertTrue(e.getMessage().contains("X.npy: "), e.getMessage());
    }
    assertFalse(Files.exists(out));
  }

  @Test
  void pinnedInputsTrainTheSameNumbersAsTheLocalReader() throws IOException {
    Path data = dataFolder(dir.resolve("same"), 3, false);
    RunSpec spec = SMALL.with("data", data.toString());
    RunInputs.Pinned pinned = RunInputs.pin(spec, RunInputs.LOCAL);
    RunResult shipped = Trainer.run(pinned.spec(), pinned.inputs());
    RunResult local = Trainer.run(spec);
    assertEquals(local.spec(), shipped.spec());
    assertArrayEquals(local.lossCurve(), shipped.lossCurve());
  }
}
