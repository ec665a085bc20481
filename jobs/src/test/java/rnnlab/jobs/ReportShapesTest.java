package rnnlab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rnnlab.cli.Main;
import rnnlab.report.Runs;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.sweep.SweepFile;
import rnnlab.train.RunResult;

/**
 * {@code report} exits 0 on every shape a valid sweep can give its store (issue #20): each varied key with
 * one, two and many values; grid, random, TPE and ASHA sweeps; integer and log ranges; a store whose runs
 * all failed; a single run; and the shape of every shipped sweep. Real tiny sweeps (S1 3, 16 sequences,
 * 1-2 epochs) run in-process through the command line, then {@code report} on their store.
 */
class ReportShapesTest {

  private static final String TINY = "  hidden: 3\n  samples: 16\n  test_samples: 16\n  length: 6\n"
      + "  epochs: 2\n";

  private static SparkSession spark;

  @TempDir
  static Path shared;

  @BeforeAll
  static void start() {
    spark = Stores.spark(shared);
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  static Stream<Arguments> sweeps() {
    return Stream.of(
        Arguments.of("grid-many-and-two", "fixed:\n" + TINY + "grid:\n  window: [1, 2, 3]\n"
            + "  optimizer: [sgd, adam]\n"),
        Arguments.of("grid-one-window-many-hidden", "fixed:\n  window: 2\n  samples: 16\n"
            + "  test_samples: 16\n  length: 6\n  epochs: 1\ngrid:\n  hidden: [2, 3, 4]\n"),
        Arguments.of("random-lr-hidden-optimizer-one-window", "seed: 3\nfixed:\n  window: 2\n  samples: 16\n"
            + "  test_samples: 16\n  length: 6\n  epochs: 1\nrandom:\n  draws: 8\n  ranges:\n"
            + "    lr: {log-uniform: [0.001, 1]}\n    hidden: {uniform: [2, 5]}\n"
            + "    optimizer: {choice: [sgd, adam, rmsprop]}\n"),
        Arguments.of("random-one-choice", "seed: 4\nfixed:\n" + TINY + "random:\n  draws: 3\n  ranges:\n"
            + "    optimizer: {choice: [adam]}\n    lr: {uniform: [0.01, 0.1]}\n"),
        Arguments.of("tpe", "seed: 5\nfixed:\n" + TINY + "random:\n  draws: 6\n  ranges:\n"
            + "    lr: {log-uniform: [0.001, 1]}\n    optimizer: {choice: [sgd, adam]}\n"
            + "search:\n  sampler: tpe\n  metric: test_accuracy\n  startup: 3\n  parallel: 2\n"),
        Arguments.of("asha", "seed: 6\nfixed:\n" + TINY + "random:\n  draws: 6\n  ranges:\n"
            + "    lr: {log-uniform: [0.001, 1]}\n    cell: {choice: [rnn, lstm]}\n"
            + "search:\n  scheduler: asha\n  metric: test_accuracy\n  min_epochs: 1\n  reduction: 2\n"),
        Arguments.of("one-run", "fixed:\n" + TINY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sweeps")
  void reportOfATinySweepExitsZero(String name, String body) throws IOException {
    Path yaml = shared.resolve(name + ".yaml");
    Files.writeString(yaml, "name: " + name + "\n" + body);
    Path store = shared.resolve(name);
    StringWriter err = new StringWriter();
    assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "sweep",
        yaml.toString(), "--out", store.toString()), err.toString());
    assertReportExitsZero(store);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shipped")
  void reportOfEveryShippedSweepsShapeExitsZero(Path sweepFile) throws IOException {
    List<RunSpec> specs = SweepFile.load(sweepFile, SweepFile.DEFAULT_MAX_RUNS).runs();
    SplittableRandom random = new SplittableRandom(sweepFile.hashCode());
    List<RunResult> results = new ArrayList<>();
    RunState[] states = RunState.values();
    for (RunSpec spec : specs) {
      RunState state = states[random.nextInt(states.length)];
      double accuracy = 0.5 + random.nextDouble() / 2;
      results.add(state == RunState.PRUNED
          ? Runs.result(spec, RunState.OK, accuracy, accuracy, 0.1).withState(RunState.PRUNED, "")
          : Runs.result(spec, state, accuracy, accuracy - 0.1, random.nextDouble()));
    }
    Path store = shared.resolve("shipped-" + sweepFile.getFileName());
    Stores.write(spark, store, sweepFile.getFileName().toString().replace(".yaml", ""), results);
    assertReportExitsZero(store);
  }

  static Stream<Path> shipped() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "sweeps"))) {
      List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      assertFalse(yaml.isEmpty(), "no shipped sweeps in ../sweeps");
      return yaml.stream();
    }
  }

  @Test
  void everyRunFailed() throws IOException {
    Path store = shared.resolve("all-failed");
    Stores.write(spark, store, "all-failed", List.of(
        Runs.result(RunSpec.LAB.with("window", 2), RunState.FAILED, Double.NaN, Double.NaN, Double.NaN),
        Runs.result(RunSpec.LAB.with("window", 3), RunState.FAILED, Double.NaN, Double.NaN, Double.NaN),
        Runs.result(RunSpec.LAB.with("lr", 0.01), RunState.FAILED, Double.NaN, Double.NaN, Double.NaN)));
    assertReportExitsZero(store);
  }

  private static void assertReportExitsZero(Path store) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "report", store.toString());
    assertEquals(0, code, err.toString());
    assertTrue(Files.size(store.resolve("report/index.html")) > 0);
    assertTrue(out.toString().contains("report: " + store.resolve("report/index.html")), out.toString());
  }
}
