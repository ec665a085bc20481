package rnnlab.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.cli.Main;
import rnnlab.npy.WeightFiles;
import rnnlab.numeric.NumericModel;
import rnnlab.spec.RunSpec;
import rnnlab.spec.Weights;
import rnnlab.task.ParityTask;
import rnnlab.train.RunResult;
import rnnlab.train.RunSeeds;
import rnnlab.train.Trainer;

/** {@code export}: stored final weights written as the lab's {@code .npy} files, and its bad input. */
class ExportJobTest {

  static final RunSpec SMALL = RunSpec.of(Map.of("samples", 24, "length", 6, "test_samples", 8, "epochs", 2,
      "hidden", 3, "window", 2));

  static SparkSession spark;

  @TempDir
  static Path shared;

  static Path store;
  static RunResult rnn;
  static RunResult lstm;
  static RunResult failed;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    spark = Stores.spark(shared);
    rnn = Trainer.run(SMALL);
    lstm = Trainer.run(SMALL.with(Map.of("cell", "lstm", "optimizer", "adam", "lr", 0.01)));
    failed = RunResult.failed(SMALL.with("seed", 7), new IllegalStateException("boom"));
    store = shared.resolve("store");
    Stores.write(spark, store, "export", List.of(rnn, lstm, failed));
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  /** {exit code, stdout, stderr} of the command line. */
  static String[] cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void exportedWeightsAreTheStoredOnesAndGiveTheStoredProbeOutputs() {
    for (RunResult r : List.of(rnn, lstm)) {
      Path out = dir.resolve(r.spec().cell().label());
      String[] run = cli("export", r.runId(), "--from", store.toString(), "--out", out.toString());
      assertEquals("0", run[0], run[2]);
      assertTrue(run[1].contains("wrote the final weights of run " + r.runId() + " (ok, 2 epochs"), run[1]);
      NumericModel model = NumericModel.create(r.spec(), RunSeeds.of(r.spec().seed()).weights());
      Weights read = WeightFiles.read(out, model.weights());
      assertEquals(r.weights(), read, "the trained weights, to the bit");
      model.setWeights(read);
      assertArrayEquals(r.probeOutputs(), model.predict(ParityTask.probe(r.spec().window())),
          "a forward pass of the exported weights gives the stored probe outputs exactly");
    }
    assertTrue(Files.exists(dir.resolve("rnn/LW_11.npy")) && Files.exists(dir.resolve("rnn/IW_11.npy")));
  }

  @Test
  void badInputExitsTwoNamingItAndWritesNothing() throws IOException {
    Path out = dir.resolve("never");
    String near = rnn.runId().substring(0, 15) + (rnn.runId().endsWith("0") ? "1" : "0");
    String[] unknown = cli("export", near, "--from", store.toString(), "--out", out.toString());
    assertEquals(String.valueOf(Main.BAD_INPUT), unknown[0]);
    assertTrue(unknown[2].contains("RUN_ID: no run " + near + " in " + store + " (3 runs stored); closest"
        + " stored ids: " + rnn.runId()), unknown[2]);

    String[] noStore = cli("export", rnn.runId(), "--from", dir.resolve("none").toString(), "--out",
        out.toString());
    assertEquals(String.valueOf(Main.BAD_INPUT), noStore[0]);
    assertTrue(noStore[2].contains("none is not a result store: no such folder"), noStore[2]);

    String[] noWeights = cli("export", failed.runId(), "--from", store.toString(), "--out", out.toString());
    assertEquals(String.valueOf(Main.BAD_INPUT), noWeights[0]);
    assertTrue(noWeights[2].contains("run " + failed.runId() + " (failed) has no stored weights: it failed:"
        + " IllegalStateException: boom"), noWeights[2]);

    Path file = Files.writeString(dir.resolve("a-file"), "x");
    String[] outIsFile = cli("export", rnn.runId(), "--from", store.toString(), "--out", file.toString());
    assertEquals(String.valueOf(Main.BAD_INPUT), outIsFile[0]);
    assertTrue(outIsFile[2].contains("--out: " + file + " is a file; expected a folder"), outIsFile[2]);
    assertEquals("x", Files.readString(file));
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void runsOfAStoreOlderThanSchemaVersionThreeHaveNoWeights() throws Exception {
    String old = OldStoreTest.resource("v0.1.0").toString();
    String id = rnnlab.store.ResultStore.reader(spark, old).runs().where("state = 'ok'").first()
        .getAs("run_id");
    String[] run = cli("export", id, "--from", old, "--out", dir.resolve("never").toString());
    assertEquals(String.valueOf(Main.BAD_INPUT), run[0]);
    assertTrue(run[2].contains("(ok) has no stored weights: it was stored with schema version 1, before runs"
        + " kept their final weights (version 3)"), run[2]);
    assertFalse(Files.exists(dir.resolve("never")));
  }
}
