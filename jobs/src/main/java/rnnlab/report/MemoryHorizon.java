package rnnlab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import rnnlab.spec.Choice;
import rnnlab.spec.TaskType;

/**
 * The memory horizon of one task, engine and cell type: the longest value {@code w} of the task's difficulty
 * axis ({@link TaskType#difficulty()}: {@code window} for counting-ones, {@code delay} for delayed-recall and
 * n-back, {@code length} for adding) such that {@code w} and every smaller value the sweep tried for this
 * task, engine and cell are solved. A value is solved when at least one setting (all spec keys but the seed:
 * hidden units, optimizer, learning rate, ...) solves it by the {@link Criterion}, whose held-out accuracy is
 * the task's own (per step for the binary tasks; for adding, the share of sequences whose sum is within
 * {@link TaskType#TOLERANCE}); failed and diverged runs count as unsolved seeds. The longest solved value,
 * gaps allowed, is kept too. Runs stored before the {@code task} key are counting-ones runs.
 *
 * @param task          task label
 * @param axis          the task's difficulty axis, a spec key
 * @param engine        engine label
 * @param cell          cell label
 * @param windows       every value of the axis tried (the window, for counting-ones), smallest first, with
 *                      its best setting
 * @param horizon       the memory horizon; 0 when the smallest value tried is not solved
 * @param longestSolved the longest solved value, gaps allowed; 0 when none is solved
 */
public record MemoryHorizon(String task, String axis, String engine, String cell, List<WindowResult> windows,
    int horizon, int longestSolved) {

  /**
   * One value of the difficulty axis for one task, engine and cell.
   *
   * @param window the value (a window, a delay or a length)
   * @param solved whether its best setting meets the criterion
   * @param best   statistics of its best setting ({@link Aggregates#bestSetting})
   */
  public record WindowResult(int window, boolean solved, SeedStats best) {}

  /** The horizons of every task, engine and cell among {@code runs}, in task, engine then cell order. */
  public static List<MemoryHorizon> of(List<StoredRun> runs, Criterion criterion) {
    List<StoredRun> usable = runs.stream().filter(r -> task(r) != null && r.get(task(r).difficulty()) != null
        && r.get("engine") != null && r.get("cell") != null).toList();
    Map<List<Object>, List<StoredRun>> groups =
        Aggregates.groupBy(usable, r -> List.of(task(r), r.get("engine"), r.get("cell")));
    List<MemoryHorizon> horizons = new ArrayList<>();
    groups.forEach((key, group) -> horizons.add(of((TaskType) key.get(0), key.get(1).toString(),
        key.get(2).toString(), group, criterion)));
    horizons.sort(Comparator.comparing((MemoryHorizon h) -> Choice.parse(TaskType.class, h.task()))
        .thenComparing(MemoryHorizon::engine).thenComparing(MemoryHorizon::cell));
    return horizons;
  }

  /** The task of a stored run: counting-ones when the store predates the key; null for an unknown label. */
  private static TaskType task(StoredRun r) {
    Object label = r.get("task");
    if (label == null) {
      return TaskType.COUNTING_ONES;
    }
    try {
      return Choice.parse(TaskType.class, label.toString());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static MemoryHorizon of(TaskType task, String engine, String cell, List<StoredRun> runs,
      Criterion criterion) {
    String axis = task.difficulty();
    List<WindowResult> windows = new ArrayList<>();
    int horizon = 0;
    int longest = 0;
    boolean unbroken = true;
    for (Object w : Aggregates.distinct(runs, axis)) {
      int value = ((Number) w).intValue();
      SeedStats best = Aggregates.bestSetting(
          runs.stream().filter(r -> w.equals(r.get(axis))).toList(), criterion.threshold());
      boolean solved = criterion.solves(best);
      windows.add(new WindowResult(value, solved, best));
      unbroken &= solved;
      if (unbroken) {
        horizon = value;
      }
      if (solved) {
        longest = value;
      }
    }
    return new MemoryHorizon(task.label(), axis, engine, cell, List.copyOf(windows), horizon, longest);
  }

  /** The values solved, smallest first. */
  public List<Integer> solvedWindows() {
    return windows.stream().filter(WindowResult::solved).map(WindowResult::window).toList();
  }

  /**
   * The name of this horizon's series in charts: {@code "engine cell"} for the lab's task (as before tasks
   * existed), {@code "task: engine cell"} for the others.
   */
  public String name() {
    return (task.equals(TaskType.COUNTING_ONES.label()) ? "" : task + ": ") + engine + " " + cell;
  }
}
