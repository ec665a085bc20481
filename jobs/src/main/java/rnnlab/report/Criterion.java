package rnnlab.report;

import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;

/**
 * When a window counts as solved: a setting (every spec key but the seed) solves it when at least
 * {@code seedFraction} of its runs are ok with held-out accuracy at least {@code threshold}.
 *
 * @param threshold    held-out per-step accuracy a run must reach, in (0, 1]
 * @param seedFraction fraction of a setting's seeds that must reach it, in (0, 1]
 */
public record Criterion(double threshold, double seedFraction) {

  /** The report's default: accuracy 0.99 in at least half of the seeds. */
  public static final Criterion DEFAULT = new Criterion(0.99, 0.5);

  public Criterion {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new BadInputException(Problem.of("--threshold", "expected a number in (0, 1], got " + threshold));
    }
    if (!(seedFraction > 0 && seedFraction <= 1)) {
      throw new BadInputException(
          Problem.of("--seed-fraction", "expected a number in (0, 1], got " + seedFraction));
    }
  }

  /** True when {@code seeds} (runs of one setting) solve their window. */
  public boolean solves(SeedStats seeds) {
    return seeds.runs() > 0 && seeds.solved() >= seedFraction * seeds.runs() - 1e-12;
  }

  /** The rule in words, for the page. */
  public String describe() {
    return describeRun() + " in at least " + Math.round(seedFraction * 100) + "% of the seeds";
  }

  /** When one run counts as solved, in words. */
  public String describeRun() {
    return "held-out accuracy ≥ " + threshold;
  }
}
