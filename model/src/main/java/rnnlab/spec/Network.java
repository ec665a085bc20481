package rnnlab.spec;

/**
 * A network being trained by one engine (not DL4J's {@code Model}). Made by the engine's
 * {@link NetworkFactory} for one run and used by one thread; {@code rnnlab.train.Trainer} drives it, and
 * its callers never see which engine it is.
 */
public interface Network {

  /**
   * One pass over {@code train}, visiting sequences in {@code order} (indices into the set). Per-sequence
   * mode makes one update per sequence; minibatch mode cuts {@code order} into consecutive batches.
   */
  EpochStats trainEpoch(SequenceSet train, int[] order);

  /** The output a2 at every step, in the layout of {@code set.targets()}; 0 at padded steps. */
  double[] predict(SequenceSet set);

  /** The current parameters under the lab's names and shapes. */
  Weights weights();

  /**
   * Replaces the parameters.
   *
   * @throws IllegalArgumentException naming the tensor and both shapes when a name is missing or a shape
   *                                  does not fit this network
   */
  void setWeights(Weights weights);

  /** Number of trainable parameters. */
  int parameterCount();

  /**
   * A copy of the parameters and the optimizer's state, to continue training with {@link #restore}.
   *
   * @throws UnsupportedOperationException for a model that cannot be checkpointed (dl4j-spark's)
   */
  ModelState state();

  /**
   * Takes up {@code state} (from {@link #state} of a model of the same spec): the next epochs train as the
   * model that gave it would have.
   *
   * @throws IllegalArgumentException when it does not fit this network or optimizer
   */
  void restore(ModelState state);
}
