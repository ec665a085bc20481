package rnnlab.optim;

import java.util.Arrays;
import rnnlab.spec.OptimizerState;

/**
 * Adam with bias correction, as PyTorch's {@code Adam} (no weight decay): per element, starting from
 * {@code m = v = 0} and step count {@code k = 0},
 * <pre>
 *   k = k + 1
 *   m = β1·m + (1 - β1)·g
 *   v = β2·v + (1 - β2)·g²
 *   w = w - lr · (m / (1 - β1^k)) / (sqrt(v / (1 - β2^k)) + ε)
 * </pre>
 * ε is added to the bias-corrected root. (DL4J's {@code Adam} adds ε to the uncorrected {@code sqrt(v)}
 * instead, i.e. uses ε·sqrt(1 - β2^k) here; the two differ only while {@code sqrt(v)} is near ε.) State:
 * m, v, sized on the first step, and k.
 */
public final class Adam implements Optimizer {

  private final double lr;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final State m = new State();
  private final State v = new State();
  private int k;

  /** Adam with learning rate {@code lr}, decays {@code beta1}, {@code beta2} and {@code epsilon}. */
  public Adam(double lr, double beta1, double beta2, double epsilon) {
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  @Override
  public void step(double[] params, double[] grad) {
    double[] m1 = m.of(params, grad);
    double[] m2 = v.of(params, grad);
    k++;
    double c1 = 1 - Math.pow(beta1, k);
    double c2 = Math.sqrt(1 - Math.pow(beta2, k));
    for (int i = 0; i < params.length; i++) {
      double g = grad[i];
      m1[i] = beta1 * m1[i] + (1 - beta1) * g;
      m2[i] = beta2 * m2[i] + (1 - beta2) * g * g;
      params[i] -= lr * (m1[i] / c1) / (Math.sqrt(m2[i]) / c2 + epsilon);
    }
  }

  @Override
  public void reset() {
    m.reset();
    v.reset();
    k = 0;
  }

  @Override
  public Optimizer copy() {
    return new Adam(lr, beta1, beta2, epsilon);
  }

  @Override
  public OptimizerState snapshot() {
    double[] first = m.copy();
    double[] second = v.copy();
    double[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return new OptimizerState(k, both);
  }

  @Override
  public void restore(OptimizerState state) {
    State.check(state, 2, "adam");
    int half = state.values().length / 2;
    m.restore(state.values(), 0, half);
    v.restore(state.values(), half, half);
    k = Math.toIntExact(state.steps());
  }
}
