package rnnlab.train;

import rnnlab.spec.Weights;

/**
 * A finished run (for {@code --export-weights}): its result, which carries its final weights.
 *
 * @param result what the run measured, with its weights
 */
public record Trained(RunResult result) {

  /** The trained parameters in the lab's names and shapes ({@link RunResult#weights()}). */
  public Weights weights() {
    return result.weights();
  }
}
