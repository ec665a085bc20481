package rnnlab.report;

import java.util.List;

/**
 * What the runs of one setting (equal specs but for the seed) have in common.
 *
 * @param runs         how many runs
 * @param ok           how many trained to their last epoch
 * @param solved       how many are ok with held-out accuracy at least the threshold
 * @param meanTest     mean held-out accuracy over runs where it is a number (NaN when none)
 * @param meanLong     mean long-sequence accuracy likewise
 * @param best         the run with the highest held-out accuracy, then long accuracy, then lowest loss
 */
public record SeedStats(int runs, int ok, int solved, double meanTest, double meanLong, StoredRun best) {

  /** The statistics of {@code runs} (not empty) against {@code threshold}. */
  public static SeedStats of(List<StoredRun> runs, double threshold) {
    int ok = (int) runs.stream().filter(StoredRun::ok).count();
    int solved = (int) runs.stream().filter(r -> r.solved(threshold)).count();
    StoredRun best = runs.stream().min(Aggregates.BEST_FIRST).orElseThrow();
    return new SeedStats(runs.size(), ok, solved, Aggregates.mean(runs, StoredRun::testAccuracy),
        Aggregates.mean(runs, StoredRun::longAccuracy), best);
  }

  /** Fraction of runs solved. */
  public double solvedFraction() {
    return runs == 0 ? 0 : (double) solved / runs;
  }
}
