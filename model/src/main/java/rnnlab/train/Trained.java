package rnnlab.train;

import rnnlab.spec.Weights;

/**
 * A finished run: its result and its final weights (for {@code --export-weights}).
 *
 * @param result  what the run measured
 * @param weights the trained parameters in the lab's names and shapes
 */
public record Trained(RunResult result, Weights weights) {}
