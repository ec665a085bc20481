/**
 * Sweep files: {@link rnnlab.sweep.SweepFile} parses and validates {@code sweeps/*.yaml} (every problem at
 * once, with file, line and key), {@link rnnlab.sweep.Sweep} expands a valid sweep into its runs in a fixed
 * order; each run is a {@link rnnlab.spec.RunSpec} whose id is a hash of the full spec. Parsing only: no
 * Spark, no store, no training.
 */
package rnnlab.sweep;
