package rnnlab.optim;

import rnnlab.spec.OptimizerState;

/**
 * RMSProp, as PyTorch's {@code RMSprop} (not centered, no momentum): per element, starting from
 * {@code s = 0},
 * <pre>
 *   s = ρ·s + (1 - ρ)·g²
 *   w = w - lr·g / (sqrt(s) + ε)
 * </pre>
 * ε is added outside the root, as PyTorch does. (DL4J 1.0.0-M2.1's {@code RmsProp} uses the same rule but
 * starts s at ε instead of 0; the DL4J engine zeroes it.) State: s, sized on the first step.
 */
public final class RmsProp implements Optimizer {

  private final double lr;
  private final double rho;
  private final double epsilon;
  private final State s = new State();

  /** RMSProp with learning rate {@code lr}, decay {@code rho} and {@code epsilon}. */
  public RmsProp(double lr, double rho, double epsilon) {
    this.lr = lr;
    this.rho = rho;
    this.epsilon = epsilon;
  }

  @Override
  public void step(double[] params, double[] grad) {
    double[] sq = s.of(params, grad);
    for (int i = 0; i < params.length; i++) {
      double g = grad[i];
      sq[i] = rho * sq[i] + (1 - rho) * g * g;
      params[i] -= lr * g / (Math.sqrt(sq[i]) + epsilon);
    }
  }

  @Override
  public void reset() {
    s.reset();
  }

  @Override
  public Optimizer copy() {
    return new RmsProp(lr, rho, epsilon);
  }

  @Override
  public OptimizerState snapshot() {
    return new OptimizerState(0, s.copy());
  }

  @Override
  public void restore(OptimizerState state) {
    State.check(state, 1, "rmsprop");
    s.restore(state.values(), 0, state.values().length);
  }
}
