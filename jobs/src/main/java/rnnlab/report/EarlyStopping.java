package rnnlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import rnnlab.spec.RunState;

/**
 * What early stopping did in one sweep, from its stored runs: how many runs stopped at each rung and the
 * epochs it saved against training every run to the end.
 *
 * @param sweep        the sweep
 * @param runs         its runs
 * @param pruned       runs stopped early
 * @param epochsRun    epochs trained, summed over its runs
 * @param epochsFull   epochs its runs would take trained to the end
 * @param rungs        the epochs runs stopped at (pruned runs' epochs, then the runs' epochs)
 * @param stoppedAt    rung epochs to the runs pruned there
 * @param reached      rung epochs to the runs that trained at least that far
 */
public record EarlyStopping(String sweep, int runs, int pruned, long epochsRun, long epochsFull,
    List<Integer> rungs, SortedMap<Integer, Integer> stoppedAt, SortedMap<Integer, Integer> reached) {

  /** One entry per sweep that has pruned runs, in sweep order. */
  public static List<EarlyStopping> of(List<StoredRun> runs) {
    List<EarlyStopping> out = new ArrayList<>();
    for (Map.Entry<String, List<StoredRun>> e : Aggregates.groupBy(runs, StoredRun::sweep).entrySet()) {
      List<StoredRun> group = e.getValue();
      if (group.stream().noneMatch(r -> r.state() == RunState.PRUNED)) {
        continue;
      }
      TreeSet<Integer> rungs = new TreeSet<>();
      SortedMap<Integer, Integer> stopped = new TreeMap<>();
      long run = 0;
      long full = 0;
      for (StoredRun r : group) {
        run += r.epochsRun();
        Object epochs = r.get("epochs");
        full += epochs instanceof Number n ? n.longValue() : r.epochsRun();
        if (epochs instanceof Number n) {
          rungs.add(n.intValue());
        }
        if (r.state() == RunState.PRUNED) {
          rungs.add(r.epochsRun());
          stopped.merge(r.epochsRun(), 1, Integer::sum);
        }
      }
      SortedMap<Integer, Integer> reached = new TreeMap<>();
      for (int rung : rungs) {
        reached.put(rung, (int) group.stream().filter(r -> r.epochsRun() >= rung).count());
      }
      out.add(new EarlyStopping(e.getKey(), group.size(), stopped.values().stream().mapToInt(i -> i).sum(),
          run, full, List.copyOf(rungs), stopped, reached));
    }
    return out;
  }

  /** Share of the epochs of full training that were saved. */
  public double saved() {
    return epochsFull == 0 ? 0 : 1 - (double) epochsRun / epochsFull;
  }
}
