/**
 * Optimizers of the numeric engine: stateful objects with the life cycle {@code step* -> reset}, and
 * {@code copy()} for a fresh one with the same hyperparameters. Each run gets its own. They know flat
 * {@code double[]} parameters and gradients only: no cell, clipping or training loop.
 */
package rnnlab.optim;
