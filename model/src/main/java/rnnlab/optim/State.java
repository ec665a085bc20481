package rnnlab.optim;

/** Sizing of optimizer state vectors. */
final class State {

  private State() {}

  /**
   * {@code state} when it fits {@code params}, a new zero vector when it is still {@code null}.
   *
   * @throws IllegalArgumentException when params and grad differ in length, or state was sized for a
   *                                  different parameter vector
   */
  static double[] ensure(double[] state, double[] params, double[] grad) {
    if (grad.length != params.length) {
      throw new IllegalArgumentException("gradient [" + grad.length + "] does not match parameters ["
          + params.length + "]");
    }
    if (state == null) {
      return new double[params.length];
    }
    if (state.length != params.length) {
      throw new IllegalArgumentException("optimizer state [" + state.length + "] was sized for another "
          + "parameter vector than [" + params.length + "]; use copy() for each run");
    }
    return state;
  }
}
