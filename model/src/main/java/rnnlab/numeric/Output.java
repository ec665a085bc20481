package rnnlab.numeric;

import rnnlab.spec.TaskType;
import rnnlab.spec.TrainingMode;

/**
 * The output unit and loss on top of a cell's net input {@code n2 = LW_21 a1 + b_2}, chosen by the task:
 * the lab's sigmoid and binary cross-entropy for binary tasks, a linear unit and squared error for
 * regression. Each gives the loss of one step and its derivative at {@code n2}, where backpropagation
 * starts.
 */
public enum Output {

  /**
   * {@code a2 = σ(n2)}, loss the lab's BCE, {@code dL/dn2 = a2 - t}: per sequence its NumPy part's (ε inside
   * the logs), per minibatch its PyTorch part's ({@code nn.BCELoss}); see {@link Losses}.
   */
  SIGMOID_BCE,
  /** {@code a2 = n2}, loss {@code (a2 - t)²}, {@code dL/dn2 = 2 (a2 - t)}. */
  LINEAR_MSE;

  /** The output of {@code task}'s networks. */
  public static Output of(TaskType task) {
    return task.regression() ? LINEAR_MSE : SIGMOID_BCE;
  }

  /** The output a2 of net input {@code n2}. */
  public double activation(double n2) {
    return this == SIGMOID_BCE ? Losses.sigmoid(n2) : n2;
  }

  /** The loss of one step with output {@code a} and target {@code t}, trained in {@code mode}. */
  public double loss(double a, double t, TrainingMode mode) {
    if (this == SIGMOID_BCE) {
      return mode == TrainingMode.MINIBATCH ? Losses.torchBce(a, t) : Losses.bce(a, t);
    }
    double e = a - t;
    return e * e;
  }

  /** dL/dn2 of one step with output {@code a} and target {@code t}. */
  public double delta(double a, double t) {
    return this == SIGMOID_BCE ? a - t : 2 * (a - t);
  }
}
