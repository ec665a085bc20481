package rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rnnlab.npy.Npy;
import rnnlab.npy.NpyData;
import rnnlab.npy.WeightFiles;
import rnnlab.spec.NdArray;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.task.ParityTask;
import rnnlab.train.RunResult;
import rnnlab.train.Trained;
import rnnlab.train.Trainer;

class TrainCommandTest {

  /** A small run: 40 sequences of length 6, S1 = 4, 3 epochs. */
  static final String[] SMALL = {"--samples=40", "--length=6", "--hidden=4", "--epochs=3",
      "--test-samples=10", "--quiet"};

  @TempDir
  Path dir;

  /**
   * {@code train} with {@code base}'s options, less those that {@code more} gives again, then {@code more}.
   */
  static String[] args(String[] base, String... more) {
    Set<String> given = new TreeSet<>();
    for (String m : more) {
      given.add(m.split("=", 2)[0]);
    }
    Stream<String> kept = Arrays.stream(base).filter(b -> !given.contains(b.split("=", 2)[0]));
    return Stream.concat(Stream.of("train"), Stream.concat(kept, Arrays.stream(more))).toArray(String[]::new);
  }

  @Test
  void everySpecKeyHasAHelpDescription() {
    Set<String> missing = new TreeSet<>(RunSpec.keys());
    missing.removeAll(SpecOptions.DESCRIPTIONS.keySet());
    assertEquals(Set.of(), missing, "spec keys without a --help description in SpecOptions.DESCRIPTIONS");
    Set<String> stale = new TreeSet<>(SpecOptions.DESCRIPTIONS.keySet());
    stale.removeAll(RunSpec.keys());
    assertEquals(Set.of(), stale, "descriptions of keys the spec no longer has");
    CliRun help = CliRun.of("train", "--help");
    assertEquals(0, help.code());
    for (String key : RunSpec.keys()) {
      assertTrue(help.out().contains(RunSpec.option(key) + "="), key + " in\n" + help.out());
    }
    assertTrue(help.out().contains("--clip=per-tensor|global|none"), help.out());
  }

  @Test
  void jsonHoldsTheRunsResultAndSpec() throws IOException {
    Path json = dir.resolve("out/run.json");
    CliRun run = CliRun.of(args(SMALL, "--json=" + json, "--window=2"));
    assertEquals(0, run.code(), run.err());
    assertEquals("", run.err(), "--quiet prints no progress");
    assertTrue(run.out().contains("state ok"), run.out());

    JsonNode root = new ObjectMapper().readTree(json.toFile());
    List<String> fields = new ArrayList<>();
    root.fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("run_id", "state", "message", "loss_curve", "train_accuracy", "test_accuracy",
        "long_accuracy", "probe_outputs", "wall_ms", "spec"), fields);

    RunSpec spec = RunSpec.LAB.with(Map.of("samples", 40, "length", 6, "hidden", 4, "epochs", 3,
        "test_samples", 10, "window", 2));
    RunResult expected = Trainer.train(spec, ProgressListener.NONE).result();
    assertEquals(spec.id(), root.get("run_id").asText());
    assertEquals("ok", root.get("state").asText());
    assertArrayEquals(expected.lossCurve(), doubles(root.get("loss_curve")), 0.0);
    assertArrayEquals(expected.probeOutputs(), doubles(root.get("probe_outputs")), 0.0);
    assertEquals(expected.testAccuracy(), root.get("test_accuracy").asDouble());
    assertEquals(expected.longAccuracy(), root.get("long_accuracy").asDouble());
    assertEquals(expected.trainAccuracy(), root.get("train_accuracy").asDouble());
    assertTrue(root.get("wall_ms").isIntegralNumber());
    assertEquals(2, root.get("spec").get("window").asInt());
    assertEquals("per-sequence", root.get("spec").get("mode").asText());
    assertEquals(RunSpec.keys().size(), root.get("spec").size());
  }

  /** {@code --task} and {@code --delay} train the task's run: the same numbers as the trainer gives it. */
  @ParameterizedTest
  @ValueSource(strings = {"--task=adding", "--task=delayed-recall", "--task=n-back"})
  void taskOptionTrainsThatTask(String task) throws IOException {
    Path json = dir.resolve("task.json");
    String[] more = task.equals("--task=adding") ? new String[] {task, "--json=" + json}
        : new String[] {task, "--delay=2", "--json=" + json};
    CliRun run = CliRun.of(args(SMALL, more));
    assertEquals(0, run.code(), run.err());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    RunSpec spec = RunSpec.of(Map.of("samples", 40, "length", 6, "hidden", 4, "epochs", 3,
        "test_samples", 10, "task", task.substring("--task=".length()),
        "delay", task.equals("--task=adding") ? 1 : 2));
    assertEquals(spec.id(), root.get("run_id").asText());
    assertEquals(spec.task().label(), root.get("spec").get("task").asText());
    RunResult expected = Trainer.train(spec, ProgressListener.NONE).result();
    assertArrayEquals(expected.lossCurve(), doubles(root.get("loss_curve")), 0.0);
    assertEquals(expected.testAccuracy(), root.get("test_accuracy").asDouble());
    int scored = task.equals("--task=adding") ? 1 : 20;
    assertTrue(run.out().contains("/" + scored + ","), "probe out of its scored steps: " + run.out());
  }

  /** The lab's data folders still train the lab's task, and name its task as counting-ones. */
  @Test
  void labDataTrainsCountingOnes() throws IOException {
    Path data = dir.resolve("lab");
    NpyData.write(data, ParityTask.generate(30, 6, 6, 2, new java.util.SplittableRandom(9)));
    Path json = dir.resolve("data.json");
    CliRun run = CliRun.of(args(SMALL, "--data=" + data, "--window=2", "--json=" + json));
    assertEquals(0, run.code(), run.err());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals("counting-ones", root.get("spec").get("task").asText());
    assertTrue(root.get("spec").get("data").asText().contains("@sha256:"));
  }

  private static double[] doubles(JsonNode array) {
    double[] d = new double[array.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = array.get(i).asDouble();
    }
    return d;
  }

  @Test
  void exportedWeightsStartTheNextRunExactlyWhereThisOneStopped() throws IOException {
    // one epoch, export; one more epoch from the export = two epochs straight (per-sequence, same data)
    Path w1 = dir.resolve("w1");
    Path w2 = dir.resolve("w2");
    Path w3 = dir.resolve("w3");
    assertEquals(0, CliRun.of(args(SMALL, "--epochs=1", "--export-weights=" + w1)).code());
    assertEquals(0, CliRun.of(args(SMALL, "--epochs=1", "--init-weights=" + w1, "--export-weights=" + w2))
        .code());
    assertEquals(0, CliRun.of(args(SMALL, "--epochs=2", "--export-weights=" + w3)).code());
    Trained straight = Trainer.train(RunSpec.LAB.with(Map.of("samples", 40, "length", 6, "hidden", 4,
        "epochs", 2, "test_samples", 10)), ProgressListener.NONE);
    assertEquals(straight.weights(), WeightFiles.read(w3, straight.weights()));
    assertEquals(straight.weights(), WeightFiles.read(w2, straight.weights()));
    assertArrayEquals(new int[] {4, 1}, Npy.read(w2.resolve("b_1.npy")).shape());
    assertArrayEquals(new int[] {1, 1}, Npy.read(w2.resolve("b_2.npy")).shape());
  }

  @Test
  void progressGoesToStderrUnlessQuiet() {
    CliRun run = CliRun.of("train", "--samples=20", "--length=4", "--hidden=3", "--epochs=2",
        "--test-samples=5");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("epoch 2/2  loss "), run.err());
    assertTrue(run.err().contains("left ~"), run.err());
    assertFalse(run.out().contains("epoch 2/2"), run.out());
  }

  @Test
  void divergedRunWritesJsonWithStateDivergedAndExits3() throws IOException {
    Path json = dir.resolve("d.json");
    Path weights = dir.resolve("dw");
    Path plot = dir.resolve("d.png");
    CliRun run = CliRun.of(args(SMALL, "--lr=1e308", "--clip=none", "--epochs=30", "--json=" + json,
        "--export-weights=" + weights, "--plot=" + plot));
    assertEquals(Main.DIVERGED, run.code(), run.err());
    assertTrue(run.out().contains("state diverged"), run.out());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals("diverged", root.get("state").asText());
    JsonNode curve = root.get("loss_curve");
    assertTrue(curve.get(curve.size() - 1).isNull(), "a non-finite loss is written as null: " + curve);
    assertTrue(curve.size() < 30);
    assertFalse(Files.exists(weights), "no weights from a diverged run");
    assertFalse(Files.exists(plot), "no plot from a diverged run");
  }

  @Test
  void plotIsAPng() throws IOException {
    Path plot = dir.resolve("curve.png");
    assertEquals(0, CliRun.of(args(SMALL, "--plot=" + plot)).code());
    byte[] head = Arrays.copyOf(Files.readAllBytes(plot), 4);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head);
  }

  /** Bad input: exit 2, a message naming the option or file, and no output file. */
  @Nested
  class BadInput {

    private CliRun rejected(String... more) throws IOException {
      Path json = dir.resolve("r.json");
      Path weights = dir.resolve("rw");
      Path plot = dir.resolve("r.png");
      CliRun run = CliRun.of(args(SMALL, Stream.concat(Arrays.stream(more), Stream.of("--json=" + json,
          "--export-weights=" + weights, "--plot=" + plot)).toArray(String[]::new)));
      assertEquals(Main.BAD_INPUT, run.code(), run.out() + run.err());
      assertTrue(run.err().startsWith("error: "), run.err());
      try (Stream<Path> left = Files.list(dir)) {
        List<String> names = left.map(p -> p.getFileName().toString())
            .filter(n -> n.startsWith("r") || n.startsWith(".r")).toList();
        assertEquals(List.of(), names, "nothing written");
      }
      return run;
    }

    @Test
    void unknownOption() throws IOException {
      assertTrue(rejected("--colour=red").err().contains("--colour"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--window=three", "--hidden=0", "--samples=-5", "--length=0", "--epochs=0",
        "--batch-size=0", "--lr=0", "--lr=-0.1", "--lr=NaN", "--lr=Infinity", "--lr=abc", "--clip=sometimes",
        "--mode=batch", "--shuffle=maybe", "--task=copy", "--delay=0"})
    void badValueNamesItsOption(String arg) throws IOException {
      String option = arg.substring(0, arg.indexOf('='));
      CliRun run = rejected(arg);
      assertTrue(run.err().contains("error: " + option + ":"), run.err());
    }

    @Test
    void everyBadValueIsReportedAtOnce() throws IOException {
      CliRun run = rejected("--hidden=0", "--lr=-1", "--samples=0");
      assertEquals(3, run.err().lines().filter(l -> l.startsWith("error: ")).count(), run.err());
    }

    @Test
    void taskKeysOutOfRangeNameTheKeyAndItsRange() throws IOException {
      CliRun run = rejected("--task=n-back", "--delay=6");
      assertTrue(run.err().contains("error: --delay: expected an integer in [1, 5]"), run.err());
      CliRun unused = rejected("--task=adding", "--delay=3");
      assertTrue(unused.err().contains("error: --delay: task adding does not use delay"), unused.err());
      CliRun data = rejected("--task=adding", "--data=" + dir.resolve("somewhere"));
      assertTrue(data.err().contains("task adding generates its own sequences"), data.err());
    }

    @Test
    void missingDataFolder() throws IOException {
      Path data = dir.resolve("nodata");
      CliRun run = rejected("--data=" + data);
      assertTrue(run.err().contains("--data") && run.err().contains(data.resolve("X.npy").toString()),
          run.err());
    }

    @Test
    void malformedNpy() throws IOException {
      Path data = dir.resolve("bad");
      NpyData.write(data, ParityTask.generate(5, 4, 4, 2, new java.util.SplittableRandom(1)));
      Files.writeString(data.resolve("X.npy"), "this is not numpy");
      CliRun run = rejected("--data=" + data);
      assertTrue(run.err().contains(data.resolve("X.npy").toString()) && run.err().contains("magic"),
          run.err());
    }

    @Test
    void targetsOtherThanZeroAndOne() throws IOException {
      Path data = dir.resolve("half");
      Npy.write(Files.createDirectories(data).resolve("X.npy"), new NdArray(new int[] {2, 3, 1},
          new double[] {1, 0, 1, 0, 0, 1}));
      Npy.write(data.resolve("y.npy"), new NdArray(new int[] {2, 3, 1}, new double[] {0, 0, 1, 2, 1, 0}));
      CliRun run = rejected("--data=" + data);
      assertTrue(run.err().contains(data.resolve("y.npy").toString()) && run.err().contains("0 and 1"),
          run.err());
    }

    @Test
    void weightsThatDoNotFitHidden() throws IOException {
      Path w = dir.resolve("w4");
      assertEquals(0, CliRun.of(args(SMALL, "--epochs=1", "--export-weights=" + w)).code());
      CliRun run = rejected("--hidden=5", "--init-weights=" + w);
      assertTrue(run.err().contains("--init-weights") && run.err().contains("LW_11 has shape (4, 4), "
          + "expected (5, 5)"), run.err());
    }

    @Test
    void missingWeightFile() throws IOException {
      Path w = dir.resolve("w5");
      assertEquals(0, CliRun.of(args(SMALL, "--epochs=1", "--export-weights=" + w)).code());
      Files.delete(w.resolve("b_2.npy"));
      CliRun run = rejected("--init-weights=" + w);
      assertTrue(run.err().contains(w.resolve("b_2.npy").toString()), run.err());
    }

    @Test
    void outputThatIsAFolder() throws IOException {
      Path folder = Files.createDirectories(dir.resolve("r.json"));
      CliRun run = CliRun.of(args(SMALL, "--json=" + folder));
      assertEquals(Main.BAD_INPUT, run.code());
      assertTrue(run.err().contains("--json"), run.err());
    }
  }
}
