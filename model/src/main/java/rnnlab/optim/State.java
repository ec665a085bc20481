package rnnlab.optim;

import java.util.Arrays;
import rnnlab.spec.OptimizerState;

/** One state vector of an optimizer (a moment, a velocity): zero until sized on the first step. */
final class State {

  private double[] values;

  /**
   * The vector, a new zero vector on the first call, sized for {@code params}.
   *
   * @throws IllegalArgumentException when params and grad differ in length, or the vector was sized for a
   *                                  different parameter vector
   */
  double[] of(double[] params, double[] grad) {
    if (grad.length != params.length) {
      throw new IllegalArgumentException("gradient [" + grad.length + "] does not match parameters ["
          + params.length + "]");
    }
    if (values == null) {
      values = new double[params.length];
    } else if (values.length != params.length) {
      throw new IllegalArgumentException("optimizer state [" + values.length + "] was sized for another "
          + "parameter vector than [" + params.length + "]; use copy() for each run");
    }
    return values;
  }

  /** A copy of the vector; empty before the first step. */
  double[] copy() {
    return values == null ? new double[0] : values.clone();
  }

  /** Takes {@code length} values from {@code from} at {@code offset}; none means not sized yet. */
  void restore(double[] from, int offset, int length) {
    values = length == 0 ? null : Arrays.copyOfRange(from, offset, offset + length);
  }

  /** Sets every element to zero, as before the first step. */
  void reset() {
    if (values != null) {
      Arrays.fill(values, 0.0);
    }
  }

  /**
   * Checks that {@code state} holds a whole number of {@code vectors} state vectors (none for SGD), as
   * {@code restore} expects.
   *
   * @throws IllegalArgumentException naming the optimizer otherwise
   */
  static void check(OptimizerState state, int vectors, String optimizer) {
    int n = state.values().length;
    boolean fits = vectors == 0 ? n == 0 && state.steps() == 0 : n % vectors == 0;
    if (!fits) {
      throw new IllegalArgumentException(optimizer + " keeps " + vectors + " state vector(s); the state given"
          + " holds " + n + " values and " + state.steps() + " steps");
    }
  }
}
