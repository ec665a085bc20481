package rnnlab.jobs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import rnnlab.search.Asha;
import rnnlab.search.TpeSampler;
import rnnlab.spec.RunSpec;
import rnnlab.sweep.Sweep;

/**
 * Where an early-stopping search's new runs come from, one at a time as {@link AshaDriver} asks: the sweep's
 * own runs in order ({@link #listed}), or TPE's proposals learnt from the scheduler's rung results
 * ({@link #proposed}). Each call depends only on the sweep and on the results the scheduler was told, in the
 * order it was told them, so a replay of the journal asks again and gets the same runs.
 */
interface NewRuns {

  /**
   * The next new run, pinned to its inputs (a one-run {@link SweepInputs}; inputs the driver already shipped
   * may be left out), or null when the sweep's budget of new runs is spent.
   *
   * @param asha the scheduler, with every result reported so far
   */
  SweepInputs next(Asha asha);

  /** The distinct runs of {@code pinned}, in order; their inputs were shipped with the sweep's. */
  static NewRuns listed(List<RunSpec> pinned) {
    Map<String, RunSpec> distinct = new LinkedHashMap<>();
    pinned.forEach(r -> distinct.putIfAbsent(r.id(), r));
    List<RunSpec> runs = new ArrayList<>(distinct.values());
    return new NewRuns() {
      private int next;

      @Override
      public SweepInputs next(Asha asha) {
        return next < runs.size() ? new SweepInputs(List.of(runs.get(next++)), Map.of()) : null;
      }
    };
  }

  /**
   * TPE's runs under early stopping (BOHB's idea): the sweep's first {@code startup} draws ({@code pinned}),
   * then {@code random.draws - startup} proposals, proposal n drawn from the n-th split of the sweep's seed
   * ({@link TpeSampler#proposal}) and fitted on the results at the highest rung that holds at least
   * {@code startup} of them (at least one), so that pruned runs inform it at the budget they reached; while
   * no rung holds that many, on every result at rung 0. Failed and diverged runs count as the worst.
   */
  static NewRuns proposed(Sweep sweep, List<RunSpec> pinned, Configuration conf) {
    TpeSampler sampler = new TpeSampler(sweep);
    int startup = sweep.search().startup();
    return new NewRuns() {
      private final Map<String, RunSpec> specs = new HashMap<>();
      private int next;

      @Override
      public SweepInputs next(Asha asha) {
        if (next >= sampler.budget()) {
          return null;
        }
        SweepInputs one = next < startup ? new SweepInputs(List.of(pinned.get(next)), Map.of())
            : SweepInputs.read(List.of(sampler.proposal(next - startup, history(asha))), conf);
        next++;
        RunSpec spec = one.runs().get(0);
        specs.put(spec.id(), spec);
        return one;
      }

      private List<TpeSampler.Scored> history(Asha asha) {
        List<Map.Entry<String, Double>> results = asha.reportedAt(0);
        for (int k = asha.lastRung(); k > 0; k--) {
          if (asha.reportedAt(k).size() >= Math.max(1, startup)) {
            results = asha.reportedAt(k);
            break;
          }
        }
        List<TpeSampler.Scored> history = new ArrayList<>();
        for (Map.Entry<String, Double> r : results) {
          history.add(new TpeSampler.Scored(specs.get(r.getKey()), r.getValue()));
        }
        return history;
      }
    };
  }
}
