package rnnlab.optim;

import rnnlab.spec.OptimizerState;

/** An update rule over a flat parameter vector. Not thread-safe: one per run. */
public interface Optimizer {

  /**
   * Applies one update.
   *
   * @param params modified: updated in place
   * @param grad   the gradient, same length; not modified
   */
  void step(double[] params, double[] grad);

  /** Forgets all state (moments, step count), as if no step had been taken. */
  void reset();

  /** A new optimizer with the same hyperparameters and no state. */
  Optimizer copy();

  /** A copy of the state, to continue elsewhere with {@link #restore}. */
  OptimizerState snapshot();

  /**
   * Takes up {@code state} (from {@link #snapshot} of an optimizer with the same hyperparameters), so that
   * the next steps are those the snapshotted optimizer would have taken.
   *
   * @throws IllegalArgumentException when the state is not of this kind of optimizer
   */
  void restore(OptimizerState state);
}
