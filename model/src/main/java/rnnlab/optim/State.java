package rnnlab.optim;

import java.util.Arrays;

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

  /** Sets every element to zero, as before the first step. */
  void reset() {
    if (values != null) {
      Arrays.fill(values, 0.0);
    }
  }
}
