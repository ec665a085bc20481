/**
 * The shared types every other package speaks: {@link rnnlab.spec.RunSpec} (everything that defines a run,
 * seed included) and its enums, the typed {@link rnnlab.spec.Problem}s of bad input
 * ({@link rnnlab.spec.BadInputException}, {@link rnnlab.spec.SpecException}), {@link rnnlab.spec.RunState},
 * the {@link rnnlab.spec.Network} interface the engines implement and the
 * {@link rnnlab.spec.NetworkFactory} through which they plug in, {@link rnnlab.spec.Weights},
 * {@link rnnlab.spec.NdArray}, {@link rnnlab.spec.SequenceSet}, {@link rnnlab.spec.EpochStats} and
 * {@link rnnlab.spec.ProgressListener}.
 *
 * <p>This package depends on nothing else in rnnlab (a test in the jobs module, {@code PackageCyclesTest},
 * fails when it does): no engine, no training loop, no file formats, no Spark.
 */
package rnnlab.spec;
