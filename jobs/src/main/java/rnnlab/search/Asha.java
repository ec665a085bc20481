package rnnlab.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Asynchronous successive halving (ASHA; Li et al., "A System for Massively Parallel Hyperparameter
 * Tuning", MLSys 2020) over runs that train for the same number of epochs R.
 *
 * <p>Rung k sits at {@code r·η^k} epochs for every such number below R, and the last rung at R. When a core
 * is free the driver asks {@link #promote()}: from the highest rung below the last down to rung 0, the first
 * run found among the top ⌊n_k/η⌋ of the n_k runs that reported at rung k, and not promoted yet, is promoted
 * (continued to rung k+1). When none is, the driver starts a new run at rung 0. No rung waits to fill.
 * Results are ranked by the metric (NaN last), ties by the order they were reported: the scheduler is
 * deterministic given the order of its calls, and that order is what a driver records to resume.
 */
public final class Asha {

  /**
   * A run to continue.
   *
   * @param runId      the run
   * @param fromRung   the rung it reported at
   * @param toRung     the rung to train it to
   * @param fromEpochs epochs it has trained (its checkpoint)
   * @param toEpochs   epochs to train it to
   */
  public record Promotion(String runId, int fromRung, int toRung, int fromEpochs, int toEpochs) {}

  private record Result(String runId, double metric, int order) {}

  private final int[] rungs;
  private final int reduction;
  private final boolean maximised;
  private final List<List<Result>> reported = new ArrayList<>();
  private final List<Set<String>> promoted = new ArrayList<>();
  private final Map<String, Integer> highest = new HashMap<>();
  private int reports;

  /**
   * A scheduler with no runs yet.
   *
   * @param minEpochs r, epochs of the first rung (at least 1, at most {@code maxEpochs})
   * @param reduction η, at least 2
   * @param maxEpochs R, the runs' epochs: the last rung
   * @param maximised true when a larger metric is better
   * @throws IllegalArgumentException when the rungs are impossible
   */
  public Asha(int minEpochs, int reduction, int maxEpochs, boolean maximised) {
    this.rungs = rungs(minEpochs, reduction, maxEpochs);
    this.reduction = reduction;
    this.maximised = maximised;
    for (int k = 0; k < rungs.length; k++) {
      reported.add(new ArrayList<>());
      promoted.add(new HashSet<>());
    }
  }

  /**
   * The epochs of each rung: {@code r·η^k} while below R, then R.
   *
   * @throws IllegalArgumentException unless 1 ≤ r ≤ R and η ≥ 2
   */
  public static int[] rungs(int minEpochs, int reduction, int maxEpochs) {
    if (minEpochs < 1 || minEpochs > maxEpochs || reduction < 2) {
      throw new IllegalArgumentException("ASHA needs 1 <= min_epochs <= epochs and reduction >= 2, got "
          + "min_epochs " + minEpochs + ", epochs " + maxEpochs + ", reduction " + reduction);
    }
    List<Integer> out = new ArrayList<>();
    for (long e = minEpochs; e < maxEpochs; e *= reduction) {
      out.add((int) e);
    }
    out.add(maxEpochs);
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The epochs of each rung; the last is the runs' epochs. */
  public int[] rungs() {
    return rungs.clone();
  }

  /** Index of the last rung: a run that reports there is finished. */
  public int lastRung() {
    return rungs.length - 1;
  }

  /**
   * Records that {@code runId} reached rung {@code rung} with {@code metric}.
   *
   * @throws IllegalStateException when the run already reported there, or skipped a rung: a new run
   *                               reports at rung 0, a promoted one at the rung it was promoted to
   */
  public void report(String runId, int rung, double metric) {
    Integer before = highest.get(runId);
    boolean expected = before == null ? rung == 0
        : rung == before + 1 && promoted.get(before).contains(runId);
    if (!expected) {
      throw new IllegalStateException("run " + runId + " reported at rung " + rung + " but "
          + (before == null ? "it is new (rung 0)" : "its last rung is " + before
          + (promoted.get(before).contains(runId) ? "" : " and it was not promoted")));
    }
    highest.put(runId, rung);
    reported.get(rung).add(new Result(runId, metric, reports++));
  }

  /**
   * The next run to continue, marked promoted; empty when no run may be promoted now (the driver then
   * starts a new run, or waits for runs in flight).
   */
  public Optional<Promotion> promote() {
    for (int k = lastRung() - 1; k >= 0; k--) {
      List<Result> ranked = ranked(k);
      int top = ranked.size() / reduction;
      for (int i = 0; i < top; i++) {
        String id = ranked.get(i).runId();
        if (promoted.get(k).add(id)) {
          return Optional.of(new Promotion(id, k, k + 1, rungs[k], rungs[k + 1]));
        }
      }
    }
    return Optional.empty();
  }

  /** The results at rung {@code k}, best first; NaN last; ties in report order. */
  private List<Result> ranked(int k) {
    Comparator<Result> byMetric = Comparator.comparingDouble(r -> maximised ? -r.metric() : r.metric());
    Comparator<Result> nanLast = Comparator.comparing(r -> Double.isNaN(r.metric()));
    List<Result> ranked = new ArrayList<>(reported.get(k));
    ranked.sort(nanLast.thenComparing(byMetric).thenComparingInt(Result::order));
    return ranked;
  }

  /** Runs that reached the last rung, in the order they reported there. */
  public List<String> finished() {
    return reported.get(lastRung()).stream().map(Result::runId).toList();
  }

  /**
   * Runs that stopped below the last rung and were not promoted from their rung, in the order they reported
   * there: pruned once the sweep has no more work for them.
   */
  public List<String> stopped() {
    List<Result> out = new ArrayList<>();
    for (int k = 0; k < lastRung(); k++) {
      for (Result r : reported.get(k)) {
        if (highest.get(r.runId()) == k && !promoted.get(k).contains(r.runId())) {
          out.add(r);
        }
      }
    }
    out.sort(Comparator.comparingInt(Result::order));
    return out.stream().map(Result::runId).toList();
  }

  /**
   * The results at rung {@code k} in the order they were reported.
   *
   * @return each run's id and metric there
   */
  public List<Map.Entry<String, Double>> reportedAt(int k) {
    return reported.get(k).stream().map(r -> Map.entry(r.runId(), r.metric())).toList();
  }

  /** How many runs reported at each rung. */
  public int[] reportedPerRung() {
    return reported.stream().mapToInt(List::size).toArray();
  }

  /** The highest rung {@code runId} reported at, or -1 when it has not reported. */
  public int rungOf(String runId) {
    return highest.getOrDefault(runId, -1);
  }
}
