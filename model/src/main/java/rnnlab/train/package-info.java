/**
 * Runs: {@link rnnlab.train.Trainer} (the only maker of results, whatever the engine), its
 * {@link rnnlab.train.RunResult} with the {@link rnnlab.train.Provenance}, the run's random streams and data
 * sets, and the evaluation both engines share. The engines plug in through
 * {@link rnnlab.spec.NetworkFactory}; the engine-specific code lives in {@code rnnlab.numeric} and
 * {@code rnnlab.dl4j}, never here.
 */
package rnnlab.train;

