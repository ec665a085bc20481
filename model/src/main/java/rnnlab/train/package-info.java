/**
 * Runs: {@link rnnlab.train.RunSpec} (everything that defines a run, seed included),
 * {@link rnnlab.train.Trainer} (the only maker of results), {@link rnnlab.train.RunResult} with its
 * {@link rnnlab.train.Provenance}, the {@link rnnlab.train.Model} interface both engines implement, and the
 * evaluation they share.
 */
package rnnlab.train;
