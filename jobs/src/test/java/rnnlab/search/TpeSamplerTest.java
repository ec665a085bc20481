package rnnlab.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.sweep.Search;
import rnnlab.sweep.Sweep;
import rnnlab.sweep.SweepFile;
import rnnlab.spec.OptimizerType;
import rnnlab.train.Provenance;
import rnnlab.train.RunResult;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;

class TpeSamplerTest {

  private static final String RANGES = """
      name: t
      seed: 3
      fixed: {epochs: 2, window: 4}
      random:
        draws: 14
        ranges:
          lr: {log-uniform: [0.0001, 1]}
          hidden: {uniform: [4, 40]}
          optimizer: {choice: [sgd, momentum, adam, rmsprop]}
      """;

  @TempDir
  Path dir;

  private Sweep load(String yaml) throws IOException {
    Path file = dir.resolve("s.yaml");
    Files.writeString(file, yaml);
    return SweepFile.load(file, SweepFile.DEFAULT_MAX_RUNS);
  }

  /** A run scored by a held-out accuracy that is highest at lr 1e-2 with adam. */
  private static TpeSampler.Scored result(RunSpec spec) {
    double accuracy = 1 - Math.abs(Math.log10(spec.lr()) + 2) / 4
        - (spec.optimizer() == OptimizerType.ADAM ? 0 : 0.2);
    RunResult r = new RunResult(spec, RunState.OK, "", new double[] {1}, new double[] {1}, accuracy,
        accuracy, accuracy, new double[0], 0, spec.epochs(), 0, 0, Provenance.now(spec.engine()));
    return TpeSampler.Scored.of(r, Search.Metric.TEST_ACCURACY);
  }

  @Test
  void startupRunsAreRandomSearchsFirstDrawsThenWavesOfParallel() throws IOException {
    Sweep random = load(RANGES);
    TpeSampler tpe = new TpeSampler(load(RANGES + "search: {sampler: tpe, startup: 4, parallel: 4}\n"));
    assertEquals(random.runs().subList(0, 4), tpe.startup());
    assertEquals(3, tpe.waves());
    List<TpeSampler.Scored> history =
        new ArrayList<>(tpe.startup().stream().map(TpeSamplerTest::result).toList());
    List<Integer> sizes = new ArrayList<>();
    for (int k = 0; k < tpe.waves(); k++) {
      List<RunSpec> wave = tpe.wave(k, history);
      sizes.add(wave.size());
      for (RunSpec r : wave) {
        assertTrue(r.lr() >= 1e-4 && r.lr() <= 1 && r.hidden() >= 4 && r.hidden() <= 40, r.toString());
        assertEquals(4, r.window());
        assertEquals(2, r.epochs());
        history.add(result(r));
      }
    }
    assertEquals(List.of(4, 4, 2), sizes);
    assertEquals(List.of(), tpe.wave(3, history));
  }

  @Test
  void aWaveIsAFunctionOfTheSweepAndTheEarlierResultsInProposalOrder() throws IOException {
    String yaml = RANGES + "search: {sampler: tpe, startup: 4, parallel: 3}\n";
    TpeSampler tpe = new TpeSampler(load(yaml));
    List<TpeSampler.Scored> history = tpe.startup().stream().map(TpeSamplerTest::result).toList();
    List<RunSpec> first = tpe.wave(0, history);
    assertEquals(first, new TpeSampler(load(yaml)).wave(0, history));
    assertEquals(3, first.stream().map(RunSpec::id).distinct().count());
    assertNotEquals(first, tpe.wave(1, history), "wave 1 draws from its own stream");
    TpeSampler otherSeed = new TpeSampler(load(yaml.replace("seed: 3", "seed: 4")));
    assertNotEquals(first, otherSeed.wave(0, otherSeed.startup().stream().map(TpeSamplerTest::result)
        .toList()));
  }

  /** Enqueued points open the startup runs and count in them; more points than startup delay the waves. */
  @Test
  void enqueuedPointsAreTheFirstStartupRunsAndCountInTheBudget() throws IOException {
    Sweep random = load(RANGES);
    TpeSampler two = new TpeSampler(load(RANGES + """
        search:
          sampler: tpe
          startup: 4
          parallel: 4
          enqueue: [{lr: 0.01, optimizer: adam, hidden: 12}, {lr: 0.5}]
        """));
    List<RunSpec> startup = two.startup();
    assertEquals(4, startup.size());
    assertEquals(0.01, startup.get(0).lr());
    assertEquals(12, startup.get(0).hidden());
    assertEquals(0.5, startup.get(1).lr());
    assertEquals(random.runs().get(12).hidden(), startup.get(1).hidden(), "the 2nd last draw fills the rest");
    assertEquals(random.runs().subList(0, 2), startup.subList(2, 4));
    assertEquals(3, two.waves(), "14 runs: 4 startup, then waves of 4, 4 and 2");

    TpeSampler five = new TpeSampler(load(RANGES + "search: {sampler: tpe, startup: 2, parallel: 4, enqueue:"
        + " [{lr: 0.1}, {lr: 0.2}, {lr: 0.3}, {lr: 0.4}, {lr: 0.5}]}\n"));
    assertEquals(5, five.startup().size(), "every enqueued point, no random draw");
    assertEquals(5, five.startupCount());
    assertEquals(List.of(4, 4, 1), List.of(five.wave(0, List.of()).size(), five.wave(1, List.of()).size(),
        five.wave(2, List.of()).size()));
  }

  @Test
  void pointsAndSpecsRoundTrip() throws IOException {
    TpeSampler tpe = new TpeSampler(load(RANGES + "search: {sampler: tpe, startup: 4}\n"));
    for (RunSpec spec : tpe.startup()) {
      double[] p = tpe.point(spec);
      assertEquals(spec, tpe.spec(p));
      assertArrayEquals(p, tpe.point(tpe.spec(p)));
      // axes in spec-key order: hidden, optimizer (a choice, by index), lr
      assertArrayEquals(new double[] {spec.hidden(), spec.optimizer().ordinal(), spec.lr()}, p);
    }
  }

  @Test
  void onlyForTpeSweeps() throws IOException {
    Sweep random = load(RANGES);
    assertThrows(IllegalArgumentException.class, () -> new TpeSampler(random));
  }
}
