package rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.train.RunResult;

public class MemoryHorizonTest {

  /**
   * rnn, hidden 20, seeds 0 and 1 (held-out accuracy per seed):
   * w2 1.0/1.0 solved; w3 1.0/0.995 solved; w4 0.99/0.6 solved (exactly half, 0.99 counts); w5 0.7/0.6 not;
   * w6 1.0/1.0 solved. Horizon 4, longest solved 6.
   * lstm, w2..w6: hidden 10 fails at w6 (0.6/0.6), hidden 20 at w6 has seed 0 at 1.0 and seed 1 diverged
   * (accuracy 1.0 but diverged counts unsolved): 1 of 2, solved. w7: hidden 20 three seeds, one solved
   * (1 of 3 < half), one failed. Horizon 6.
   */
  static List<StoredRun> constructed() {
    return constructedResults().stream().map(r -> Runs.stored("constructed", r)).toList();
  }

  /** The results behind {@link #constructed()}. */
  public static List<RunResult> constructedResults() {
    List<RunResult> runs = new ArrayList<>();
    double[][] rnn = {{2, 1.0, 1.0}, {3, 1.0, 0.995}, {4, 0.99, 0.6}, {5, 0.7, 0.6}, {6, 1.0, 1.0}};
    for (double[] w : rnn) {
      for (int seed = 0; seed < 2; seed++) {
        runs.add(run("rnn", (int) w[0], 20, seed, RunState.OK, w[1 + seed]));
      }
    }
    for (int w = 2; w <= 5; w++) {
      for (int seed = 0; seed < 2; seed++) {
        runs.add(run("lstm", w, 10, seed, RunState.OK, 1.0));
      }
    }
    runs.add(run("lstm", 6, 10, 0, RunState.OK, 0.6));
    runs.add(run("lstm", 6, 10, 1, RunState.OK, 0.6));
    runs.add(run("lstm", 6, 20, 0, RunState.OK, 1.0));
    runs.add(run("lstm", 6, 20, 1, RunState.DIVERGED, 1.0));
    runs.add(run("lstm", 7, 20, 0, RunState.OK, 1.0));
    runs.add(run("lstm", 7, 20, 1, RunState.OK, 0.5));
    runs.add(run("lstm", 7, 20, 2, RunState.FAILED, Double.NaN));
    return runs;
  }

  static RunResult run(String cell, int window, int hidden, long seed, RunState state, double test) {
    RunSpec spec = RunSpec.LAB.with(java.util.Map.of("cell", cell, "window", window, "hidden", hidden,
        "seed", seed));
    return Runs.result(spec, state, test, test / 2 + 0.5, Math.pow(10, -window));
  }

  @Test
  void horizonIsTheLongestUnbrokenRunOfSolvedWindows() {
    List<MemoryHorizon> h = MemoryHorizon.of(constructed(), Criterion.DEFAULT);
    assertEquals(2, h.size());
    MemoryHorizon lstm = h.get(0);
    MemoryHorizon rnn = h.get(1);
    assertEquals("lstm", lstm.cell());
    assertEquals(List.of(2, 3, 4, 5, 6), lstm.solvedWindows());
    assertEquals(6, lstm.horizon());
    assertEquals(6, lstm.longestSolved());
    assertEquals(20, lstm.windows().get(4).best().best().get("hidden"));
    assertEquals(1, lstm.windows().get(5).best().solved());
    assertEquals(3, lstm.windows().get(5).best().runs());
    assertEquals(List.of(2, 3, 4, 6), rnn.solvedWindows());
    assertEquals(4, rnn.horizon());
    assertEquals(6, rnn.longestSolved());
    assertEquals(0.795, rnn.windows().get(2).best().meanTest(), 1e-12);
  }

  @Test
  void thresholdAndSeedFractionAreOptions() {
    MemoryHorizon allSeeds = MemoryHorizon.of(constructed(), new Criterion(0.99, 1.0)).get(1);
    assertEquals(List.of(2, 3, 6), allSeeds.solvedWindows());
    assertEquals(3, allSeeds.horizon());
    MemoryHorizon lenient = MemoryHorizon.of(constructed(), new Criterion(0.6, 0.5)).get(1);
    assertEquals(6, lenient.horizon());
  }

  @Test
  void unsolvedShortestWindowMeansNoHorizon() {
    List<StoredRun> runs = List.of(run("rnn", 3, 20, 0, RunState.OK, 0.5),
        run("rnn", 4, 20, 0, RunState.OK, 1.0), run("rnn", 5, 20, 0, RunState.FAILED, Double.NaN))
        .stream().map(r -> Runs.stored("constructed", r)).toList();
    MemoryHorizon h = MemoryHorizon.of(runs, Criterion.DEFAULT).get(0);
    assertEquals(0, h.horizon());
    assertEquals(4, h.longestSolved());
    assertEquals(Double.NaN, h.windows().get(2).best().meanTest());
  }

  /**
   * Each task on its own difficulty axis: delayed-recall by delay (2 and 4 solved, 6 not: horizon 4), adding
   * by length (5 solved, 10 not, 20 solved: horizon 5, longest 20), beside the lab's task whose horizons are
   * unchanged; tasks come in their declaration order.
   */
  @Test
  void everyTaskHasItsHorizonOnItsOwnAxis() {
    List<RunResult> results = new ArrayList<>(constructedResults());
    double[][] recall = {{2, 1.0}, {4, 0.995}, {6, 0.7}};
    for (double[] d : recall) {
      RunSpec spec = RunSpec.of(java.util.Map.of("task", "delayed-recall", "delay", (int) d[0],
          "length", 20));
      results.add(Runs.result(spec, RunState.OK, d[1], d[1], 0.1));
    }
    double[][] adding = {{5, 1.0}, {10, 0.5}, {20, 0.999}};
    for (double[] l : adding) {
      RunSpec spec = RunSpec.of(java.util.Map.of("task", "adding", "length", (int) l[0], "cell", "lstm"));
      results.add(Runs.result(spec, RunState.OK, l[1], l[1], 0.1));
    }
    List<MemoryHorizon> h = MemoryHorizon.of(results.stream().map(r -> Runs.stored("tasks", r)).toList(),
        Criterion.DEFAULT);
    assertEquals(List.of("counting-ones", "counting-ones", "adding", "delayed-recall"),
        h.stream().map(MemoryHorizon::task).toList());
    assertEquals(6, h.get(0).horizon(), "the lab's horizons as before");
    assertEquals(4, h.get(1).horizon());
    MemoryHorizon add = h.get(2);
    assertEquals("length", add.axis());
    assertEquals("lstm", add.cell());
    assertEquals(5, add.horizon());
    assertEquals(20, add.longestSolved());
    assertEquals("adding: numeric lstm", add.name());
    MemoryHorizon rec = h.get(3);
    assertEquals("delay", rec.axis());
    assertEquals(List.of(2, 4), rec.solvedWindows());
    assertEquals(4, rec.horizon());
    assertEquals("numeric rnn", h.get(1).name());
  }
}
