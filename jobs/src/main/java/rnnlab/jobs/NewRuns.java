package rnnlab.jobs;

import java.util.ArrayList;
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

  /**
   * The new runs of ASHA over the sweep's own runs: the enqueued points ({@link Sweep#enqueued()}) once per
   * seed, then the sweep's runs, less the last draws (every seed of them) as many as the points, which count
   * in the budget of {@code random.draws}; just the sweep's runs without enqueued points.
   */
  static List<RunSpec> listedRuns(Sweep sweep) {
    if (sweep.search().enqueue().isEmpty()) {
      return sweep.runs();
    }
    List<RunSpec> runs = new ArrayList<>();
    for (RunSpec point : sweep.enqueued()) {
      if (sweep.seeds().size() <= 1) {
        runs.add(point);
      } else {
        sweep.seeds().forEach(s -> runs.add(point.with("seed", s.value())));
      }
    }
    List<RunSpec> own = sweep.runs();
    int seeds = Math.max(1, sweep.seeds().size());
    int kept = (sweep.draws() - sweep.search().enqueue().size()) * seeds;
    runs.addAll(own.subList(0, Math.min(own.size(), kept)));
    return runs;
  }

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
   * TPE's runs under early stopping (BOHB's idea): the sweep's enqueued points ({@link Sweep#enqueued()}),
   * then its own random draws ({@code pinned}, in order) until rung 0 holds {@code startup} results, so that
   * TPE is never fitted on fewer, then proposals, {@code random.draws} new runs in all. Proposal n is drawn
   * from the n-th split of the sweep's seed ({@link TpeSampler#proposal}), fitted on the results at the
   * highest rung that holds at least {@code startup} of them, so that pruned runs inform it at the budget
   * they reached, with the runs started and not yet back from rung 0 counted as the worst (the constant
   * liar). Failed and diverged runs count as the worst too. A run equal to one already started (possible over
   * choices and integers) is skipped and counts in the budget. Every choice depends only on what the
   * scheduler was told, in order, so a replay of the journal makes the same choices.
   */
  static NewRuns proposed(Sweep sweep, List<RunSpec> pinned, Configuration conf) {
    TpeSampler sampler = new TpeSampler(sweep);
    int startup = sweep.search().startup();
    List<RunSpec> enqueued = sweep.enqueued();
    return new NewRuns() {
      private final Map<String, RunSpec> specs = new LinkedHashMap<>();
      private int queued;
      private int drawn;
      private int proposed;

      @Override
      public SweepInputs next(Asha asha) {
        while (queued + drawn + proposed < sampler.budget()) {
          boolean random = queued == enqueued.size() && asha.reportedAt(0).size() < startup
              && drawn < pinned.size();
          RunSpec spec = queued < enqueued.size() ? enqueued.get(queued++) : random ? pinned.get(drawn++)
              : sampler.proposal(proposed++, history(asha), running(asha));
          if (specs.putIfAbsent(spec.id(), spec) == null) {
            return random ? new SweepInputs(List.of(spec), Map.of()) : SweepInputs.read(List.of(spec), conf);
          }
        }
        return null;
      }

      /** The runs started that have not reported at rung 0 yet, in the order they started. */
      private List<RunSpec> running(Asha asha) {
        return specs.values().stream().filter(r -> asha.rungOf(r.id()) < 0).toList();
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
