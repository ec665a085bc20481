package rnnlab.optim;

import rnnlab.spec.OptimizerState;

/**
 * SGD with classic (heavy-ball) momentum, as PyTorch's {@code SGD(momentum=μ)} with no dampening and no
 * Nesterov term: per element, starting from {@code v = 0},
 * <pre>
 *   v = μ·v + g
 *   w = w - lr·v
 * </pre>
 * (DL4J's {@code Nesterovs} updater is the Nesterov variant, not this rule.) State: the velocity v, sized
 * on the first step.
 */
public final class Momentum implements Optimizer {

  private final double lr;
  private final double mu;
  private final State v = new State();

  /** Momentum SGD with learning rate {@code lr} and momentum coefficient {@code mu}. */
  public Momentum(double lr, double mu) {
    this.lr = lr;
    this.mu = mu;
  }

  @Override
  public void step(double[] params, double[] grad) {
    double[] vel = v.of(params, grad);
    for (int i = 0; i < params.length; i++) {
      vel[i] = mu * vel[i] + grad[i];
      params[i] -= lr * vel[i];
    }
  }

  @Override
  public void reset() {
    v.reset();
  }

  @Override
  public Optimizer copy() {
    return new Momentum(lr, mu);
  }

  @Override
  public OptimizerState snapshot() {
    return new OptimizerState(0, v.copy());
  }

  @Override
  public void restore(OptimizerState state) {
    State.check(state, 1, "momentum");
    v.restore(state.values(), 0, state.values().length);
  }
}
