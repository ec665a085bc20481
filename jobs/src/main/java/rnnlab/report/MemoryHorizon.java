package rnnlab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The memory horizon of one engine and cell type: the longest window {@code w} such that {@code w} and every
 * shorter window the sweep tried for this engine and cell are solved. A window is solved when at least one
 * setting (all spec keys but the seed: hidden units, optimizer, learning rate, ...) solves it by the
 * {@link Criterion}; failed and diverged runs count as unsolved seeds. The longest solved window, gaps
 * allowed, is kept too.
 *
 * @param engine        engine label
 * @param cell          cell label
 * @param windows       every window tried, shortest first, with its best setting
 * @param horizon       the memory horizon; 0 when the shortest window tried is not solved
 * @param longestSolved the longest solved window, gaps allowed; 0 when none is solved
 */
public record MemoryHorizon(String engine, String cell, List<WindowResult> windows, int horizon,
    int longestSolved) {

  /**
   * One window of one engine and cell.
   *
   * @param window the window
   * @param solved whether its best setting meets the criterion
   * @param best   statistics of its best setting ({@link Aggregates#bestSetting})
   */
  public record WindowResult(int window, boolean solved, SeedStats best) {}

  /** The horizons of every engine and cell among {@code runs}, in engine then cell order. */
  public static List<MemoryHorizon> of(List<StoredRun> runs, Criterion criterion) {
    List<StoredRun> usable = runs.stream()
        .filter(r -> r.get("window") != null && r.get("engine") != null && r.get("cell") != null).toList();
    Map<List<Object>, List<StoredRun>> groups =
        Aggregates.groupBy(usable, r -> List.of(r.get("engine"), r.get("cell")));
    List<MemoryHorizon> horizons = new ArrayList<>();
    groups.forEach((key, group) -> horizons.add(of(key.get(0).toString(), key.get(1).toString(), group,
        criterion)));
    horizons.sort(Comparator.comparing(MemoryHorizon::engine).thenComparing(MemoryHorizon::cell));
    return horizons;
  }

  private static MemoryHorizon of(String engine, String cell, List<StoredRun> runs, Criterion criterion) {
    List<WindowResult> windows = new ArrayList<>();
    int horizon = 0;
    int longest = 0;
    boolean unbroken = true;
    for (Object w : Aggregates.distinct(runs, "window")) {
      int window = ((Number) w).intValue();
      SeedStats best = Aggregates.bestSetting(
          runs.stream().filter(r -> w.equals(r.get("window"))).toList(), criterion.threshold());
      boolean solved = criterion.solves(best);
      windows.add(new WindowResult(window, solved, best));
      unbroken &= solved;
      if (unbroken) {
        horizon = window;
      }
      if (solved) {
        longest = window;
      }
    }
    return new MemoryHorizon(engine, cell, List.copyOf(windows), horizon, longest);
  }

  /** The windows solved, shortest first. */
  public List<Integer> solvedWindows() {
    return windows.stream().filter(WindowResult::solved).map(WindowResult::window).toList();
  }

  /** {@code "engine cell"}, the name of this horizon's series in charts. */
  public String name() {
    return engine + " " + cell;
  }
}
