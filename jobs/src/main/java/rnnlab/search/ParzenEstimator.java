package rnnlab.search;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;

/**
 * A Parzen estimator over one parameter, as TPE builds it from a group of observations (Optuna's univariate
 * rules): a mixture of one kernel per observation plus a prior kernel over the whole range.
 *
 * <ul>
 *   <li>Numeric ranges (in log space for log ranges): Gaussian kernels truncated to the range, one at each
 *   observation, its bandwidth the larger distance to its neighbours among the observations and the range's
 *   middle (the first and last use their inner neighbour only), clipped to [range / min(100, n + 2), range];
 *   the prior kernel sits at the middle with the range as bandwidth. Integer ranges without log are discrete:
 *   each integer has the kernels' mass within ±0.5 of it.</li>
 *   <li>Choices: each observation's kernel puts {@code 1 + w/(n+1)} on its own choice and {@code w/(n+1)} on
 *   every choice (prior weight w), normalised; the prior kernel is uniform.</li>
 * </ul>
 * Mixture weights: {@link Tpe#observationWeights(int)} for the observations, the prior weight for the prior,
 * normalised.
 */
abstract sealed class ParzenEstimator {

  /** log of the density (a probability for choices and discrete ranges) at {@code x}. */
  abstract double logPdf(double x);

  /**
   * One draw.
   *
   * @param rng modified: advanced by the draw
   */
  abstract double sample(SplittableRandom rng);

  /** The estimator of {@code observed} (in history order) over {@code parameter}'s range. */
  static ParzenEstimator of(Tpe.Parameter parameter, double[] observed, double priorWeight) {
    double[] weights = mixtureWeights(observed.length, priorWeight);
    if (parameter instanceof Tpe.Categorical c) {
      return new Choices(c.choices(), observed, weights, priorWeight);
    }
    return new Kernels((Tpe.Numeric) parameter, observed, weights);
  }

  /** The observations' weights then the prior's, summing to 1. */
  static double[] mixtureWeights(int n, double priorWeight) {
    double[] w = Arrays.copyOf(Tpe.observationWeights(n), n + 1);
    w[n] = priorWeight;
    double sum = Arrays.stream(w).sum();
    for (int i = 0; i <= n; i++) {
      w[i] /= sum;
    }
    return w;
  }

  /** The index drawn from {@code weights} (summing to 1). */
  static int pick(double[] weights, SplittableRandom rng) {
    double u = rng.nextDouble();
    double sum = 0;
    for (int i = 0; i < weights.length - 1; i++) {
      sum += weights[i];
      if (u < sum) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** The standard normal CDF. */
  static double phi(double z) {
    return 0.5 * Erf.erfc(-z / Math.sqrt(2));
  }

  /** Truncated Gaussian kernels over a numeric range, in the range's own space (log for log ranges). */
  static final class Kernels extends ParzenEstimator {

    private final Tpe.Numeric parameter;
    final double low;
    final double high;
    final double step;
    final double[] mus;
    final double[] sigmas;
    final double[] weights;
    private final double[] mass;

    Kernels(Tpe.Numeric parameter, double[] observed, double[] weights) {
      this.parameter = parameter;
      this.weights = weights;
      boolean discrete = parameter.integer() && !parameter.log();
      this.step = discrete ? 1 : 0;
      double lo = parameter.integer() && parameter.log() ? parameter.lo() - 0.5 : parameter.lo();
      double hi = parameter.integer() && parameter.log() ? parameter.hi() + 0.5 : parameter.hi();
      this.low = parameter.log() ? Math.log(lo) : lo;
      this.high = parameter.log() ? Math.log(hi) : hi;
      int n = observed.length;
      double middle = 0.5 * (low + high);
      double width = high - low + step;
      this.mus = new double[n + 1];
      for (int i = 0; i < n; i++) {
        mus[i] = parameter.log() ? Math.log(observed[i]) : observed[i];
      }
      mus[n] = middle;
      this.sigmas = bandwidths(mus, low - step / 2, high + step / 2);
      double min = width / Math.min(100.0, n + 2.0);
      for (int i = 0; i < n; i++) {
        sigmas[i] = Math.min(width, Math.max(min, sigmas[i]));
      }
      sigmas[n] = width;
      this.mass = new double[n + 1];
      for (int i = 0; i <= n; i++) {
        mass[i] = phi((high + step / 2 - mus[i]) / sigmas[i]) - phi((low - step / 2 - mus[i]) / sigmas[i]);
      }
    }

    /**
     * Each point's larger distance to its neighbours in sorted order, the range's ends {@code a}, {@code b}
     * counting as neighbours, except that the first and last points (with at least two points) use their
     * inner neighbour only.
     */
    static double[] bandwidths(double[] points, double a, double b) {
      int m = points.length;
      Integer[] order = new Integer[m];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, (i, j) -> Double.compare(points[i], points[j]));
      double[] ends = new double[m + 2];
      ends[0] = a;
      ends[m + 1] = b;
      for (int i = 0; i < m; i++) {
        ends[i + 1] = points[order[i]];
      }
      double[] sorted = new double[m];
      for (int i = 0; i < m; i++) {
        sorted[i] = Math.max(ends[i + 1] - ends[i], ends[i + 2] - ends[i + 1]);
      }
      if (m >= 2) {
        sorted[0] = ends[2] - ends[1];
        sorted[m - 1] = ends[m] - ends[m - 1];
      }
      double[] out = new double[m];
      for (int i = 0; i < m; i++) {
        out[order[i]] = sorted[i];
      }
      return out;
    }

    @Override
    double logPdf(double x) {
      double t = parameter.log() ? Math.log(x) : x;
      double p = 0;
      for (int i = 0; i < mus.length; i++) {
        double k;
        if (step > 0) {
          k = phi((t + step / 2 - mus[i]) / sigmas[i]) - phi((t - step / 2 - mus[i]) / sigmas[i]);
        } else {
          double z = (t - mus[i]) / sigmas[i];
          k = Math.exp(-0.5 * z * z) / (Math.sqrt(2 * Math.PI) * sigmas[i]);
        }
        p += weights[i] * k / mass[i];
      }
      return Math.log(p);
    }

    @Override
    double sample(SplittableRandom rng) {
      int i = pick(weights, rng);
      double a = phi((low - step / 2 - mus[i]) / sigmas[i]);
      double b = phi((high + step / 2 - mus[i]) / sigmas[i]);
      double u = a + (b - a) * rng.nextDouble();
      double t = mus[i] + sigmas[i] * Math.sqrt(2) * Erf.erfInv(2 * u - 1);
      t = Math.min(high + step / 2, Math.max(low - step / 2, t));
      if (step > 0) {
        return Math.min(high, Math.max(low, low + Math.round((t - low) / step) * step));
      }
      double x = parameter.log() ? Math.exp(t) : t;
      if (parameter.integer()) {
        return Math.min(parameter.hi(), Math.max(parameter.lo(), Math.round(x)));
      }
      return Math.min(parameter.hi(), Math.max(parameter.lo(), x));
    }
  }

  /** Smoothed counts over a parameter's choices. */
  static final class Choices extends ParzenEstimator {

    final double[] probabilities;

    Choices(int choices, double[] observed, double[] weights, double priorWeight) {
      int n = observed.length;
      this.probabilities = new double[choices];
      double smooth = priorWeight / (n + 1);
      for (int i = 0; i <= n; i++) {
        double total = i < n ? 1 + choices * smooth : choices * smooth;
        for (int j = 0; j < choices; j++) {
          double kernel = smooth + (i < n && j == (int) observed[i] ? 1 : 0);
          probabilities[j] += weights[i] * kernel / total;
        }
      }
    }

    @Override
    double logPdf(double x) {
      return Math.log(probabilities[(int) x]);
    }

    @Override
    double sample(SplittableRandom rng) {
      return pick(probabilities, rng);
    }
  }
}
