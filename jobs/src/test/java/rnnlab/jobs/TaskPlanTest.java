package rnnlab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import rnnlab.spec.RunSpec;
import rnnlab.sweep.Work;

class TaskPlanTest {

  /** A run of {@code epochs} epochs of 100 sequences of length 10 (1,000 steps per epoch). */
  static RunSpec run(int epochs, long seed) {
    return RunSpec.of(Map.of("epochs", epochs, "samples", 100, "length", 10, "seed", seed));
  }

  /** Every batch of {@code plan}, each as its tasks. */
  static List<List<List<RunSpec>>> drain(TaskPlan plan) {
    List<List<List<RunSpec>>> batches = new ArrayList<>();
    while (plan.hasNext()) {
      batches.add(plan.nextBatch());
    }
    return batches;
  }

  static List<RunSpec> flat(List<List<RunSpec>> tasks) {
    return tasks.stream().flatMap(List::stream).toList();
  }

  @Test
  void theFirstTwoBatchesAreACalibrationWaveOfOneRunPerCoreLongestFirst() {
    List<RunSpec> runs = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      runs.add(run(i, i));
    }
    TaskPlan plan = new TaskPlan(runs, 2, 0);
    List<List<RunSpec>> first = plan.nextBatch();
    List<List<RunSpec>> second = plan.nextBatch(); // sent before the first is measured, as a sweep does
    assertEquals(List.of(List.of(runs.get(9)), List.of(runs.get(8))), first, "one run per core and task");
    assertEquals(List.of(List.of(runs.get(7)), List.of(runs.get(6))), second);
    assertEquals(6, flat(plan.nextBatch()).size(), "unmeasured still: the rest one run per task");
  }

  @Test
  void beforeAnyMeasurementAnLstmRunGoesBeforeAnRnnRunOfAsManySteps() {
    RunSpec rnn = RunSpec.of(Map.of("cell", "rnn", "hidden", 20, "epochs", 5, "seed", 1));
    RunSpec lstm = RunSpec.of(Map.of("cell", "lstm", "hidden", 20, "epochs", 5, "seed", 1));
    RunSpec longerRnn = RunSpec.of(Map.of("cell", "rnn", "hidden", 20, "epochs", 30, "seed", 1));
    TaskPlan plan = new TaskPlan(List.of(rnn, lstm, longerRnn), 3, 0);
    assertEquals(List.of(List.of(longerRnn), List.of(lstm), List.of(rnn)), plan.nextBatch());
  }

  @Test
  void cheapRunsArePackedExpensiveOnesRunAloneAndEveryRunGoesOutOnce() {
    List<RunSpec> runs = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      runs.add(run(1, i)); // 10 ms at the speed measured below
    }
    runs.add(run(100, 0)); // 1 s
    runs.add(run(100, 1));
    TaskPlan plan = new TaskPlan(runs, 2, 0);
    List<List<RunSpec>> first = plan.nextBatch();
    flat(first).forEach(r -> plan.measured(r, Work.trainingSteps(r) / 100)); // 100 steps per ms
    List<List<List<RunSpec>>> rest = drain(plan);
    assertEquals(2, first.stream().filter(t -> t.get(0).epochs() == 100).count(), "the long runs go first");
    Set<String> ids = new HashSet<>();
    flat(first).forEach(r -> assertTrue(ids.add(r.id())));
    for (List<List<RunSpec>> batch : rest) {
      boolean last = batch == rest.get(rest.size() - 1);
      for (List<RunSpec> task : batch) {
        task.forEach(r -> assertTrue(ids.add(r.id()), "each run once"));
        double ms = task.stream().mapToDouble(plan::estimateMs).sum();
        assertTrue(ms <= TaskPlan.CHEAP_TASK_MS / (last ? 4.0 : 1.0), "a packed task holds cheap runs: " + ms
            + (last ? ", and the tail is cut finer" : ""));
        assertTrue(task.size() > 1, "10 ms runs are packed");
      }
      double[] task = batch.stream().mapToDouble(t -> t.stream().mapToDouble(plan::estimateMs).sum())
          .toArray();
      for (int i = 1; i < task.length; i++) {
        assertTrue(task[i - 1] >= task[i], "tasks longest first");
      }
      assertTrue(batch.size() >= 8, "enough tasks to keep 2 cores busy to the end: " + batch.size());
    }
    assertEquals(runs.size(), ids.size());
    assertTrue(rest.size() >= 2 && rest.size() <= 6, "tiny runs make few stored batches: " + rest.size());
  }

  @Test
  void aBatchOfMeasuredRunsHoldsAtLeastTwoSecondsOfWorkPerCore() {
    List<RunSpec> runs = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      runs.add(run(1, i));
    }
    TaskPlan plan = new TaskPlan(runs, 2, 0);
    flat(plan.nextBatch()).forEach(r -> plan.measured(r, 10));
    List<RunSpec> second = flat(plan.nextBatch());
    double ms = second.stream().mapToDouble(plan::estimateMs).sum();
    assertTrue(ms >= 2 * TaskPlan.BATCH_MS_PER_CORE, "estimated " + ms + " ms");
    assertTrue(ms < 2 * TaskPlan.BATCH_MS_PER_CORE + 10, "and not much more: " + ms + " ms");
  }

  @Test
  void writeEveryKeepsItsNumberOfRunsPerBatch() {
    List<RunSpec> runs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      runs.add(run(1, i));
    }
    TaskPlan plan = new TaskPlan(runs, 2, 5);
    List<List<List<RunSpec>>> batches = drain(plan);
    assertEquals(List.of(5, 5, 2), batches.stream().map(b -> flat(b).size()).toList());
  }
}
