package rnnlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.spec.CellType;
import rnnlab.spec.OptimizerType;
import rnnlab.spec.Problem;
import rnnlab.spec.RunSpec;

class SweepFileTest {

  @TempDir
  Path dir;

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("s.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private Sweep load(String yaml) throws IOException {
    return SweepFile.load(write(yaml), SweepFile.DEFAULT_MAX_RUNS);
  }

  private List<Problem> problems(String yaml) throws IOException {
    return problems(yaml, SweepFile.DEFAULT_MAX_RUNS);
  }

  private List<Problem> problems(String yaml, long maxRuns) throws IOException {
    Path file = write(yaml);
    return assertThrows(SweepException.class, () -> SweepFile.load(file, maxRuns)).problems();
  }

  /** Asserts that exactly one problem sits on {@code line} with {@code key} and contains {@code text}. */
  private static void assertProblem(List<Problem> problems, int line, String key, String text) {
    List<Problem> hits = problems.stream()
        .filter(p -> p.line() == line && p.key().equals(key) && p.message().contains(text)).toList();
    assertEquals(1, hits.size(), "expected one problem at line " + line + " key " + key + " with '" + text
        + "' in " + problems);
    assertTrue(hits.get(0).toString().startsWith(hits.get(0).file() + ":" + line + ": " + key + ": "));
  }

  @Nested
  class Expansion {

    @Test
    void gridExpandsInSpecKeyOrderWithTheLastAxisFastest() throws IOException {
      // window is listed before cell in the file, but cell comes first in the spec's key order
      Sweep sweep = load("""
          name: g
          fixed: {epochs: 2, samples: 20}
          grid:
            window: [2, 3, 4]
            cell: [rnn, lstm]
          """);
      List<RunSpec> runs = sweep.runs();
      assertEquals(6, runs.size());
      assertEquals(List.of(CellType.RNN, CellType.RNN, CellType.RNN, CellType.LSTM, CellType.LSTM,
          CellType.LSTM), runs.stream().map(RunSpec::cell).toList());
      assertEquals(List.of(2, 3, 4, 2, 3, 4), runs.stream().map(RunSpec::window).toList());
      assertTrue(runs.stream().allMatch(r -> r.epochs() == 2 && r.samples() == 20));
    }

    @Test
    void gridBlocksGiveTheRunsOfEachBlockWithTheirOwnAxes() throws IOException {
      Sweep sweep = load("""
          name: tasks
          fixed: {epochs: 2, samples: 20}
          grid:
            - {task: [counting-ones], cell: [rnn, lstm], window: [2, 4]}
            - {task: [n-back], delay: [1, 3]}
          seeds: [0, 1]
          """);
      List<RunSpec> runs = sweep.runs();
      assertEquals(12, sweep.pointCount());
      assertEquals(12, runs.size());
      assertEquals(List.of(2, 2, 4, 4, 2, 2, 4, 4),
          runs.subList(0, 8).stream().map(RunSpec::window).toList());
      assertEquals(List.of(1, 1, 3, 3), runs.subList(8, 12).stream().map(RunSpec::delay).toList());
      assertTrue(runs.subList(8, 12).stream().allMatch(r -> r.task() == rnlabTask("n-back")
          && r.cell() == CellType.RNN && r.window() == 3));
    }

    private static rnnlab.spec.TaskType rnlabTask(String label) {
      return rnnlab.spec.Choice.parse(rnnlab.spec.TaskType.class, label);
    }

    @Test
    void gridBlocksAreValidatedEachWithItsLines() throws IOException {
      List<Problem> problems = problems("""
          name: tasks
          fixed: {samples: 20, cell: rnn}
          grid:
            - {task: [counting-ones], window: [2, 40]}
            - {task: [n-back], delay: [0, 3], cell: [lstm]}
            - {task: [adding], delay: [2]}
          """);
      assertProblem(problems, 4, "window", "40 is longer than the sequence length 10");
      assertProblem(problems, 5, "delay", "expected an integer >= 1, got 0");
      assertProblem(problems, 5, "cell", "duplicate axis: already set on line 2");
      assertProblem(problems, 6, "delay", "task adding does not use delay");
    }

    @Test
    void runIdsAreTheSpecsIdsAndStableAcrossLoadsAndFiles() throws IOException {
      List<String> first = load("name: a\ngrid: {window: [2, 3], lr: [0.1, 0.01]}\n").runs().stream()
          .map(RunSpec::id).toList();
      List<String> second = load("name: b\ngrid: {lr: [0.1, 0.01], window: [2, 3]}\n").runs().stream()
          .map(RunSpec::id).toList();
      assertEquals(4, new HashSet<>(first).size());
      assertEquals(first, second);
      assertEquals(RunSpec.of(Map.of("window", 2, "lr", 0.1)).id(), first.get(0));
    }

    @Test
    void replicatesRepeatEveryPointWithSeedsFromZero() throws IOException {
      List<RunSpec> runs = load("name: r\ngrid: {window: [2, 3]}\nreplicates: 3\n").runs();
      assertEquals(List.of(0L, 1L, 2L, 0L, 1L, 2L), runs.stream().map(RunSpec::seed).toList());
      List<RunSpec> listed = load("name: r\ngrid: {window: [2, 3]}\nseeds: [5, 9]\n").runs();
      assertEquals(List.of(5L, 9L, 5L, 9L), listed.stream().map(RunSpec::seed).toList());
    }

    @Test
    void randomDrawsAreInRangeAndDeterministicPerSeed() throws IOException {
      String body = """
          random:
            samples: 20
            ranges:
              lr: {log-uniform: [0.001, 0.5]}
              hidden: {uniform: [5, 40]}
              momentum: {uniform: [0.1, 0.2]}
              optimizer: {choice: [sgd, momentum]}
          """;
      List<RunSpec> a = load("name: x\nseed: 1\n" + body).runs();
      List<RunSpec> again = load("name: x\nseed: 1\n" + body).runs();
      List<RunSpec> other = load("name: x\nseed: 2\n" + body).runs();
      assertEquals(20, a.size());
      assertEquals(a, again);
      assertNotEquals(a, other);
      for (RunSpec r : a) {
        assertTrue(r.lr() >= 0.001 && r.lr() <= 0.5, "lr " + r.lr());
        assertTrue(r.hidden() >= 5 && r.hidden() <= 40, "hidden " + r.hidden());
        assertTrue(r.momentum() >= 0.1 && r.momentum() <= 0.2, "momentum " + r.momentum());
      }
      assertEquals(2, a.stream().map(RunSpec::optimizer).collect(Collectors.toSet()).size());
      assertTrue(a.stream().map(RunSpec::optimizer).allMatch(o -> o == OptimizerType.SGD
          || o == OptimizerType.MOMENTUM));
      // log-uniform: about as many draws below the geometric middle as above it
      long low = a.stream().filter(r -> r.lr() < Math.sqrt(0.001 * 0.5)).count();
      assertTrue(low >= 4 && low <= 16, "draws below the geometric middle: " + low);
    }

    @Test
    void gridTimesRandomTimesSeedsAndRepeatedSpecsOnce() throws IOException {
      Sweep sweep = load("""
          name: m
          grid: {window: [2, 3]}
          random:
            samples: 6
            ranges: {cell: {choice: [rnn]}}
          seeds: [0, 1]
          """);
      assertEquals(24, sweep.pointCount());
      assertEquals(4, sweep.runs().size());
    }

    @Test
    void fixedOnlyIsOneRun() throws IOException {
      Sweep sweep = load("name: lab\nfixed: {epochs: 3}\n");
      assertEquals(List.of(RunSpec.of(Map.of("epochs", 3))), sweep.runs());
      assertEquals("lab", sweep.name());
    }
  }

  @Nested
  class Validation {

    @Test
    void unknownKeysNameTheLineAndTheNearestKey() throws IOException {
      List<Problem> p = problems("""
          name: u
          fixd: {epochs: 2}
          grid:
            windw: [2, 3]
          random:
            samples: 2
            ranges:
              lr: {loguniform: [0.01, 0.1]}
          """);
      assertProblem(p, 2, "fixd", "did you mean 'fixed'?");
      assertProblem(p, 4, "windw", "did you mean 'window'?");
      assertProblem(p, 8, "loguniform", "did you mean 'log-uniform'?");
      assertEquals(3, p.size(), p.toString());
    }

    @Test
    void wrongTypesAndUnknownNames() throws IOException {
      List<Problem> p = problems("""
          name: t
          fixed:
            epochs: many
            shuffle: maybe
            lr: [0.1]
          grid:
            cell: [rnn, lsmt]
            engine: [numeric, dl4k]
            optimizer: [sgd, adma]
          seeds: 3
          """);
      assertProblem(p, 3, "epochs", "expected an integer, got 'many'");
      assertProblem(p, 4, "shuffle", "expected true or false, got 'maybe'");
      assertProblem(p, 5, "lr", "expected a single value, got a list");
      assertProblem(p, 7, "cell", "did you mean 'lstm'?");
      assertProblem(p, 8, "engine", "did you mean 'dl4j'?");
      assertProblem(p, 9, "optimizer", "did you mean 'adam'?");
      assertProblem(p, 10, "seed", "expected a list");
      assertEquals(7, p.size(), p.toString());
    }

    @Test
    void outOfRangeValuesFromTheSpecsOwnChecksAtTheirLines() throws IOException {
      List<Problem> p = problems("""
          name: o
          fixed:
            hidden: 0
            epochs: 0
          grid:
            window: [0, 3, 12]
            lr: [0.1, 0, .nan, -1]
          """);
      assertProblem(p, 3, "hidden", "expected an integer >= 1, got 0");
      assertProblem(p, 4, "epochs", "expected an integer >= 1, got 0");
      assertProblem(p, 6, "window", "expected an integer >= 1, got 0");
      assertProblem(p, 6, "window", "12 is longer than the sequence length 10");
      assertProblem(p, 7, "lr", "got 0.0");
      assertProblem(p, 7, "lr", "got NaN");
      assertProblem(p, 7, "lr", "got -1.0");
      assertEquals(7, p.size(), p.toString());
    }

    @Test
    void aComboTheEngineCannotRun() throws IOException {
      List<Problem> p = problems("""
          name: c
          grid:
            engine: [numeric, dl4j]
            cell: [rnn, gru]
          """);
      assertProblem(p, 4, "cell", "engine dl4j cannot run cell gru");
      assertEquals(1, p.size(), p.toString());
    }

    @Test
    void duplicateAxes() throws IOException {
      List<Problem> p = problems("""
          name: d
          fixed: {window: 3, seed: 4}
          grid:
            window: [2, 3]
            lr: [0.1, 0.1]
            hidden: [4]
            hidden: [8]
          random:
            samples: 2
            ranges: {hidden: {uniform: [2, 9]}}
          seeds: [0, 1]
          replicates: 2
          """);
      assertProblem(p, 4, "window", "duplicate axis: already set on line 2");
      assertProblem(p, 5, "lr", "duplicate value 0.1");
      assertProblem(p, 7, "hidden", "duplicate axis: already set on line 6");
      assertProblem(p, 10, "hidden", "duplicate axis: already set on line 6");
      assertProblem(p, 12, "replicates", "give seeds or replicates, not both");
      assertEquals(5, p.size(), p.toString());
    }

    @Test
    void emptySweepsAndAxes() throws IOException {
      assertProblem(problems(""), 1, "sweep", "empty sweep file");
      assertProblem(problems("- a\n- b\n"), 1, "sweep", "expected a mapping");
      List<Problem> p = problems("""
          fixed: {epochs: 2}
          grid:
            window: []
          random:
            samples: 0
            ranges: {}
          """);
      assertProblem(p, 1, "name", "missing");
      assertProblem(p, 3, "window", "empty list");
      assertProblem(p, 5, "random.samples", "expected an integer >= 1, got 0");
      assertProblem(p, 6, "random.ranges", "empty");
      assertEquals(4, p.size(), p.toString());
    }

    @Test
    void badRanges() throws IOException {
      List<Problem> p = problems("""
          name: r
          random:
            samples: 3
            ranges:
              lr: {log-uniform: [0, 0.1]}
              hidden: {uniform: [9, 2]}
              cell: {uniform: [1, 2]}
              window: {uniform: [1, 2], choice: [3]}
          """);
      assertProblem(p, 5, "lr", "log-uniform needs lo > 0");
      assertProblem(p, 6, "hidden", "expected lo < hi");
      assertProblem(p, 7, "cell", "uniform needs a numeric key");
      assertProblem(p, 8, "window", "expected exactly one of");
      assertEquals(4, p.size(), p.toString());
    }

    @Test
    void sweepsLargerThanTheLimitUnlessAllowed() throws IOException {
      String yaml = "name: big\ngrid:\n  hidden: [1, 2, 3, 4, 5]\n  lr: [0.1, 0.2, 0.3]\nreplicates: 4\n";
      assertProblem(problems(yaml, 59), 2, "grid", "the sweep has 60 runs, more than the limit of 59");
      assertEquals(60, SweepFile.load(write(yaml), 60).runs().size());
    }

    @Test
    void invalidYamlNamesItsLine() throws IOException {
      assertProblem(problems("name: y\ngrid: {window: [2, 3}\n"), 2, "yaml", "not valid YAML");
    }
  }

  @Nested
  class IntegerRanges {

    @Test
    void uniformAndLogUniformOnIntegerKeysDrawEveryIntegerIncludingBothEnds() throws IOException {
      Sweep sweep = load("""
          name: i
          random:
            draws: 400
            ranges:
              hidden: {log-uniform: [2, 5]}
              window: {uniform: [1, 3]}
          """);
      List<RunSpec> runs = sweep.runs();
      assertEquals(java.util.Set.of(2, 3, 4, 5), runs.stream().map(RunSpec::hidden)
          .collect(Collectors.toSet()));
      assertEquals(java.util.Set.of(1, 2, 3), runs.stream().map(RunSpec::window)
          .collect(Collectors.toSet()));
      // log-uniform on [1.5, 5.5] then rounded:
      // P(2) = ln(2.5/1.5)/ln(5.5/1.5) = 0.39, P(5) = ln(5.5/4.5)/ln(5.5/1.5) = 0.15
      Map<Integer, Long> hidden = sweep.points().stream().collect(Collectors.groupingBy(
          point -> ((Number) point.get("hidden").value()).intValue(), Collectors.counting()));
      assertTrue(hidden.get(2) > 120 && hidden.get(2) < 190, hidden.toString());
      assertTrue(hidden.get(5) > 40 && hidden.get(5) < 90, hidden.toString());
    }

    @Test
    void fractionalBoundsOnAnIntegerKeyAreProblems() throws IOException {
      List<Problem> p = problems("""
          name: f
          random:
            draws: 3
            ranges:
              hidden: {uniform: [2.5, 9]}
          """);
      assertProblem(p, 5, "hidden", "expected an integer");
      assertEquals(1, p.size(), p.toString());
    }
  }

  @Nested
  class SearchSection {

    @Test
    void withoutASectionEveryRunTrainsToTheEnd() throws IOException {
      Sweep sweep = load("name: n\ngrid: {window: [2, 3]}\n");
      assertEquals(Search.NONE, sweep.search());
      assertTrue(!sweep.search().adaptive());
    }

    @Test
    void ashaAsTheIssueWritesIt() throws IOException {
      Sweep sweep = load("""
          name: a
          fixed: {epochs: 30}
          random:
            draws: 9
            ranges: {lr: {log-uniform: [0.001, 1]}}
          search:
            scheduler: asha
            metric: test_accuracy
            min_epochs: 2
            reduction: 3
          """);
      Search s = sweep.search();
      assertEquals(Search.Scheduler.ASHA, s.scheduler());
      assertEquals(Search.Sampler.RANDOM, s.sampler());
      assertEquals(Search.Metric.TEST_ACCURACY, s.metric());
      assertEquals(2, s.minEpochs());
      assertEquals(3, s.reduction());
      assertEquals(6, s.line());
      assertEquals(9, sweep.runs().size());
    }

    @Test
    void tpeAsTheIssueWritesIt() throws IOException {
      Sweep sweep = load("""
          name: t
          random:
            draws: 60
            ranges: { lr: {log-uniform: [1e-4, 1]}, optimizer: {choice: [sgd, momentum, adam, rmsprop]},
                      hidden: {choice: [8, 20, 50]} }
          search:
            sampler: tpe
            metric: final_loss
            startup: 10
            parallel: 4
          """);
      Search s = sweep.search();
      assertEquals(Search.Sampler.TPE, s.sampler());
      assertEquals(Search.Scheduler.NONE, s.scheduler());
      assertEquals(Search.Metric.FINAL_LOSS, s.metric());
      assertTrue(!s.metric().maximised());
      assertEquals(10, s.startup());
      assertEquals(4, s.parallel());
      assertEquals(60, sweep.runs().size());
    }

    @Test
    void defaultsAreRayTunesAndOptunas() throws IOException {
      Search asha = load("name: d\nsearch: {scheduler: asha}\n").search();
      assertEquals(List.of(1, 4), List.of(asha.minEpochs(), asha.reduction()));
      Search tpe = load("""
          name: d
          random: {draws: 20, ranges: {lr: {log-uniform: [0.001, 1]}}}
          search: {sampler: tpe}
          """).search();
      assertEquals(List.of(10, 4), List.of(tpe.startup(), tpe.parallel()));
      assertEquals(Search.Metric.TEST_ACCURACY, tpe.metric());
    }

    @Test
    void tpeWithAshaProposesOneRunAtATimeSoParallelIsRefused() throws IOException {
      Search both = load("""
          name: b
          random: {draws: 20, ranges: {lr: {log-uniform: [0.001, 1]}}}
          search: {scheduler: asha, sampler: tpe, startup: 5}
          """).search();
      assertEquals(List.of(Search.Scheduler.ASHA, Search.Sampler.TPE), List.of(both.scheduler(),
          both.sampler()));
      assertEquals(5, both.startup());
      List<Problem> p = problems("""
          name: b
          random: {draws: 20, ranges: {lr: {log-uniform: [0.001, 1]}}}
          search:
            scheduler: asha
            sampler: tpe
            parallel: 4
          """);
      assertProblem(p, 6, "search.parallel", "tpe proposes one run each time a core is free");
      assertEquals(1, p.size(), p.toString());
    }

    @Test
    void unknownKeysAndValuesWithTheNearestOne() throws IOException {
      List<Problem> p = problems("""
          name: u
          serch: {scheduler: asha}
          search:
            schedular: asha
            scheduler: ahsa
            sampler: tep
            metric: test_acc
            reduction: 1
            min_epochs: 0
          """);
      assertProblem(p, 2, "serch", "did you mean 'search'?");
      assertProblem(p, 4, "schedular", "did you mean 'scheduler'?");
      assertProblem(p, 5, "search.scheduler", "'ahsa' is not one of none, asha; did you mean 'asha'?");
      assertProblem(p, 6, "search.sampler", "did you mean 'tpe'?");
      assertProblem(p, 7, "search.metric", "is not one of test_accuracy, long_accuracy");
      assertProblem(p, 8, "search.reduction", "expected an integer >= 2, got 1");
      assertProblem(p, 9, "search.min_epochs", "expected an integer >= 1, got 0");
      assertEquals(7, p.size(), p.toString());
    }

    @Test
    void keysOfTheOtherAlgorithmAreNamed() throws IOException {
      List<Problem> p = problems("""
          name: o
          search:
            min_epochs: 2
            startup: 5
            parallel: x
          """);
      assertProblem(p, 3, "search.min_epochs", "only used with scheduler: asha");
      assertProblem(p, 4, "search.startup", "only used with sampler: tpe");
      assertProblem(p, 5, "search.parallel", "expected an integer, got 'x'");
      assertProblem(p, 5, "search.parallel", "only used with sampler: tpe");
      assertEquals(4, p.size(), p.toString());
    }

    @Test
    void ashaNeedsItsFirstRungInsideEveryRunAndACheckpointableEngine() throws IOException {
      List<Problem> p = problems("""
          name: r
          grid: {epochs: [3, 9]}
          search: {scheduler: asha, min_epochs: 4}
          """);
      assertProblem(p, 3, "search.min_epochs", "min_epochs 4 is more than the epochs (3) of some runs");
      assertEquals(1, p.size(), p.toString());
      List<Problem> mixed = problems("""
          name: m
          grid: {epochs: [6, 9]}
          search: {scheduler: asha, min_epochs: 2}
          """);
      assertProblem(mixed, 3, "search.scheduler", "every run must train the same epochs");
      assertEquals(1, mixed.size(), mixed.toString());
      List<Problem> spark = problems("""
          name: s
          fixed: {engine: dl4j-spark, mode: minibatch}
          search:
            scheduler: asha
          """);
      assertProblem(spark, 4, "search.scheduler", "engine dl4j-spark");
      assertEquals(1, spark.size(), spark.toString());
    }

    @Test
    void tpeNeedsRandomRangesNoGridNorSeedsUnderAshaAndABudgetAboveItsStartup() throws IOException {
      List<Problem> p = problems("""
          name: t
          grid: {window: [2, 3]}
          replicates: 2
          search:
            sampler: tpe
          """);
      assertProblem(p, 5, "search.sampler", "add a random: section");
      assertEquals(1, p.size(), p.toString());
      List<Problem> seeds = problems("""
          name: t
          random: {draws: 20, ranges: {lr: {log-uniform: [0.001, 1]}}}
          grid: {window: [2, 3]}
          seeds: [0, 1]
          search: {sampler: tpe, scheduler: asha}
          """);
      assertProblem(seeds, 3, "grid", "sampler: tpe with scheduler: asha cannot take grid axes");
      assertProblem(seeds, 4, "seeds", "sampler: tpe with scheduler: asha proposes single runs");
      assertEquals(2, seeds.size(), seeds.toString());
      List<Problem> budget = problems("""
          name: b
          random: {draws: 8, ranges: {lr: {log-uniform: [0.001, 1]}}}
          search: {sampler: tpe, startup: 8}
          """);
      assertProblem(budget, 3, "search.startup", "startup 8 is not below random.draws 8");
      assertEquals(1, budget.size(), budget.toString());
      List<Problem> spark = problems("""
          name: d
          fixed: {engine: dl4j-spark, mode: minibatch}
          random: {draws: 8, ranges: {lr: {log-uniform: [0.001, 1]}}}
          search: {sampler: tpe, startup: 4}
          """);
      assertProblem(spark, 4, "search.sampler", "engine dl4j-spark");
      assertEquals(1, spark.size(), spark.toString());
    }

    @Test
    void enqueuedPointsAreRandomAxesValuesInsideTheirRangesFirstInTheRuns() throws IOException {
      Sweep sweep = load("""
          name: e
          seed: 2
          fixed: {epochs: 2}
          replicates: 2
          random:
            draws: 6
            ranges: {lr: {log-uniform: [0.001, 1]}, optimizer: {choice: [sgd, adam]}}
          search:
            scheduler: asha
            enqueue:
              - {lr: 0.1, optimizer: sgd}
              - {optimizer: adam}
          """);
      List<RunSpec> enqueued = sweep.enqueued();
      assertEquals(2, enqueued.size());
      assertEquals(0.1, enqueued.get(0).lr());
      assertEquals(OptimizerType.SGD, enqueued.get(0).optimizer());
      assertEquals(OptimizerType.ADAM, enqueued.get(1).optimizer());
      assertEquals(sweep.runs().get(8).lr(), enqueued.get(1).lr(), "a key left out: 2nd last draw's");
      assertEquals(List.of(Map.of("lr", "0.1", "optimizer", "sgd"), Map.of("optimizer", "adam")),
          sweep.search().enqueue());

      List<Problem> p = problems("""
          name: e
          random:
            draws: 2
            ranges: {lr: {log-uniform: [0.001, 1]}, optimizer: {choice: [sgd, adam]}}
          search:
            sampler: tpe
            startup: 1
            enqueue:
              - {lr: 2, optimizer: sgd}
              - {optimizer: adamw, window: 3}
              - {lr: fast}
              - {}
          """);
      assertProblem(p, 8, "search.enqueue", "3 points, more than random.draws 2");
      assertProblem(p, 9, "search.enqueue.lr", "'2' is outside lr's random range (line 4): expected a value"
          + " in [0.001, 1.0]");
      assertProblem(p, 10, "search.enqueue.optimizer", "'adamw' is not one of sgd");
      assertProblem(p, 10, "search.enqueue.window", "window is not a random axis of this sweep");
      assertProblem(p, 11, "search.enqueue.lr", "fast");
      assertProblem(p, 12, "search.enqueue", "an empty point");
      assertEquals(6, p.size(), p.toString());

      List<Problem> plain = problems("""
          name: e
          random: {draws: 4, ranges: {lr: {log-uniform: [0.001, 1]}}}
          search: {enqueue: [{lr: 0.1}]}
          """);
      assertProblem(plain, 3, "search.enqueue", "only used with sampler: tpe or scheduler: asha");
      assertEquals(1, plain.size(), plain.toString());
      List<Problem> grid = problems("""
          name: e
          grid: {window: [2, 3]}
          random: {draws: 4, ranges: {lr: {log-uniform: [0.001, 1]}}}
          search: {scheduler: asha, enqueue: [{lr: 0.1}]}
          """);
      assertProblem(grid, 4, "search.enqueue", "scheduler: asha with sampler: random cannot take enqueued"
          + " points over grid axes");
      assertEquals(1, grid.size(), grid.toString());
    }
  }

  @Test
  void everyShippedSweepIsValidAndTheSearchSweepsAreTheIssuesQuestions() throws IOException {
    try (var files = Files.list(Path.of("..", "sweeps"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        SweepFile.load(f, SweepFile.DEFAULT_MAX_RUNS);
      }
    }
    Sweep asha = SweepFile.load(Path.of("..", "sweeps", "asha-lr.yaml"), SweepFile.DEFAULT_MAX_RUNS);
    assertEquals(81, asha.runs().size());
    assertEquals(Search.Scheduler.ASHA, asha.search().scheduler());
    assertTrue(asha.runs().stream().allMatch(r -> r.epochs() == 30 && r.window() == 4));
    Sweep tpe = SweepFile.load(Path.of("..", "sweeps", "tpe-lr.yaml"), SweepFile.DEFAULT_MAX_RUNS);
    assertEquals(Search.Sampler.TPE, tpe.search().sampler());
    // 10 startup runs and waves of 5: 15, 30 and 60 runs fall on wave boundaries
    assertEquals(List.of(10, 5, 60), List.of(tpe.search().startup(), tpe.search().parallel(), tpe.draws()));
  }

  @Test
  void editDistance() {
    assertEquals(0, SweepFile.editDistance("lstm", "lstm"));
    assertEquals(2, SweepFile.editDistance("lsmt", "lstm"));
    assertEquals(3, SweepFile.editDistance("", "gru"));
    assertEquals("", SweepFile.nearest("zzzzzz", List.of("window", "cell")));
  }
}
