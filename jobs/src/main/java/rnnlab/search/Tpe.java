package rnnlab.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The tree-structured Parzen estimator sampler (TPE; Bergstra, Bardenet, Bengio, Kégl, "Algorithms for
 * Hyper-Parameter Optimization", NeurIPS 2011), with Optuna's defaults where the paper leaves a choice:
 * each parameter sampled independently; the good group the best {@code min(⌈0.1·n⌉, 25)} of the n finished
 * runs; a {@link ParzenEstimator} per group with prior weight 1 and the magic clip; 24 candidates drawn from
 * the good group's estimator, the one with the largest {@code log l(x) - log g(x)} kept; equal weights below
 * 25 observations, older ones ramped down beyond.
 *
 * <p>A point is one value per parameter: the number for a numeric range, the index of the choice for a
 * choice. The sampler keeps no state: every proposal is a function of the history and the random stream it is
 * given, which is what makes a sweep's waves reproducible.
 */
public final class Tpe {

  /** Candidates drawn from the good group per proposal (Optuna's {@code n_ei_candidates}). */
  public static final int CANDIDATES = 24;
  /** Weight of the prior kernel (Optuna's {@code prior_weight}). */
  public static final double PRIOR_WEIGHT = 1.0;
  /** Observations below which all weigh the same (Optuna's {@code default_weights}). */
  static final int FLAT_WEIGHTS = 25;

  /** One dimension of the search space. */
  public sealed interface Parameter permits Numeric, Categorical {}

  /**
   * A numeric range [lo, hi].
   *
   * @param lo      smallest value
   * @param hi      largest value, above lo
   * @param log     searched in log space (lo &gt; 0)
   * @param integer only integers
   */
  public record Numeric(double lo, double hi, boolean log, boolean integer) implements Parameter {
    /** @throws IllegalArgumentException for an empty range, or a log range not above 0 */
    public Numeric {
      if (!(lo < hi) || log && !(lo > 0)) {
        throw new IllegalArgumentException("expected lo < hi" + (log ? " and lo > 0" : "") + ", got [" + lo
            + ", " + hi + "]");
      }
    }
  }

  /**
   * A choice among {@code choices} values, given by index.
   *
   * @param choices how many values, at least 1
   */
  public record Categorical(int choices) implements Parameter {
    /** @throws IllegalArgumentException without a choice */
    public Categorical {
      if (choices < 1) {
        throw new IllegalArgumentException("expected at least one choice, got " + choices);
      }
    }
  }

  /**
   * A finished run as the sampler sees it.
   *
   * @param point its value of each parameter
   * @param loss  what the search minimises (the metric, negated when larger is better); NaN ranks last
   */
  public record Trial(double[] point, double loss) {}

  private final List<Parameter> space;

  /** A sampler over {@code space}, one entry per parameter. */
  public Tpe(List<Parameter> space) {
    this.space = List.copyOf(space);
  }

  /** The size of the good group among {@code n} finished runs: Optuna's {@code min(⌈0.1·n⌉, 25)}. */
  public static int goodCount(int n) {
    return Math.min((int) Math.ceil(0.1 * n), 25);
  }

  /**
   * The weights of {@code n} observations in history order: all 1 below 25; beyond, the newest 25 weigh 1
   * and the older ones ramp linearly from 1/n (Optuna's {@code default_weights}).
   */
  public static double[] observationWeights(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    int ramp = n - FLAT_WEIGHTS;
    for (int i = 0; i < ramp; i++) {
      w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
    }
    return w;
  }

  /**
   * The good and the bad runs of {@code history}, each in history order: the good ones are the
   * {@link #goodCount} lowest losses (NaN last, ties by history order).
   */
  static List<List<Trial>> split(List<Trial> history) {
    Integer[] order = new Integer[history.size()];
    Arrays.setAll(order, i -> i);
    Comparator<Integer> nanLast = Comparator.comparing(i -> Double.isNaN(history.get(i).loss()));
    Arrays.sort(order, nanLast.thenComparingDouble(i -> history.get(i).loss()));
    int good = goodCount(history.size());
    boolean[] isGood = new boolean[history.size()];
    for (int i = 0; i < good; i++) {
      isGood[order[i]] = true;
    }
    List<Trial> l = new ArrayList<>();
    List<Trial> g = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      (isGood[i] ? l : g).add(history.get(i));
    }
    return List.of(l, g);
  }

  /**
   * The next point to try after {@code history}, while the points {@code pending} are still training.
   * Each pending point joins the bad group as if it had the worst result (Optuna's "constant liar"), so the
   * proposal moves away from what is already being tried; the good group is counted over {@code history}
   * alone, so the liars never shrink or fill it.
   *
   * @param rng modified: the candidates are drawn from it
   */
  public double[] propose(List<Trial> history, List<double[]> pending, SplittableRandom rng) {
    List<List<Trial>> groups = split(history);
    List<Trial> bad = new ArrayList<>(groups.get(1));
    pending.forEach(p -> bad.add(new Trial(p, Double.NaN)));
    double[] point = new double[space.size()];
    for (int p = 0; p < space.size(); p++) {
      ParzenEstimator l = ParzenEstimator.of(space.get(p), values(groups.get(0), p), PRIOR_WEIGHT);
      ParzenEstimator g = ParzenEstimator.of(space.get(p), values(bad, p), PRIOR_WEIGHT);
      double best = Double.NaN;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < CANDIDATES; c++) {
        double x = l.sample(rng);
        double score = l.logPdf(x) - g.logPdf(x);
        if (score > bestScore || Double.isNaN(best)) {
          best = x;
          bestScore = score;
        }
      }
      point[p] = best;
    }
    return point;
  }

  /**
   * A wave of {@code size} points proposed from the same history, point i from the i-th split of
   * {@code rng} with the points still training ({@code pending}) and the wave's points 0..i-1 as liars
   * ({@link #propose}), so that they differ; the wave depends only on its inputs and proposal order.
   *
   * @param rng modified: split once per point
   */
  public List<double[]> wave(List<Trial> history, List<double[]> pending, int size, SplittableRandom rng) {
    List<double[]> liars = new ArrayList<>(pending);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      double[] point = propose(history, liars, rng.split());
      out.add(point);
      liars.add(point);
    }
    return out;
  }

  private static double[] values(List<Trial> trials, int p) {
    return trials.stream().mapToDouble(t -> t.point()[p]).toArray();
  }
}
