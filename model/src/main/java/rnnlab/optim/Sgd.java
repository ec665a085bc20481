package rnnlab.optim;

import rnnlab.spec.OptimizerState;

/** Plain steepest descent, the lab's rule: {@code w -= lr * g}. Stateless. */
public final class Sgd implements Optimizer {

  private final double lr;

  /** SGD with learning rate {@code lr}. */
  public Sgd(double lr) {
    this.lr = lr;
  }

  @Override
  public void step(double[] params, double[] grad) {
    for (int i = 0; i < params.length; i++) {
      params[i] -= lr * grad[i];
    }
  }

  @Override
  public void reset() {
    // no state
  }

  @Override
  public Optimizer copy() {
    return new Sgd(lr);
  }

  @Override
  public OptimizerState snapshot() {
    return OptimizerState.NONE;
  }

  @Override
  public void restore(OptimizerState state) {
    State.check(state, 0, "sgd");
  }
}
