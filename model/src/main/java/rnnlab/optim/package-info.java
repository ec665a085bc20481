/**
 * Optimizers of the numeric engine: stateful objects with the life cycle {@code step* -> reset}, and
 * {@code copy()} for a fresh one with the same hyperparameters, {@code snapshot()} and {@code restore()}
 * to continue a run elsewhere ({@link rnnlab.optim.OptimizerState}). Each run gets its own.
 */
package rnnlab.optim;
