package rnnlab.sweep;

import java.util.List;
import java.util.SplittableRandom;

/** Where a random-search axis draws its values from. */
public sealed interface Range {

  /**
   * One draw for a key of spec type {@code type}: integers for {@code int} and {@code long} keys.
   *
   * @param rng modified: advanced by the draw
   */
  Object draw(SplittableRandom rng, Class<?> type);

  /** Uniform on [lo, hi]; integer keys draw integers in [lo, hi] inclusive. */
  record Uniform(double lo, double hi) implements Range {
    @Override
    public Object draw(SplittableRandom rng, Class<?> type) {
      if (type == double.class) {
        return lo + (hi - lo) * rng.nextDouble();
      }
      return (long) lo + rng.nextLong((long) hi - (long) lo + 1);
    }
  }

  /**
   * Log-uniform on [lo, hi] (lo &gt; 0), for learning rates. Integer keys draw log-uniformly on
   * [lo - 0.5, hi + 0.5] and round (Optuna's rule for integer log ranges), so that both ends get their full
   * share.
   */
  record LogUniform(double lo, double hi) implements Range {
    @Override
    public Object draw(SplittableRandom rng, Class<?> type) {
      if (type == double.class) {
        return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.nextDouble());
      }
      double a = Math.log(lo - 0.5);
      double v = Math.exp(a + (Math.log(hi + 0.5) - a) * rng.nextDouble());
      return Math.max((long) lo, Math.min((long) hi, Math.round(v)));
    }
  }

  /** One of the listed values, each equally likely. */
  record Pick(List<Object> values) implements Range {
    @Override
    public Object draw(SplittableRandom rng, Class<?> type) {
      return values.get(rng.nextInt(values.size()));
    }
  }
}
