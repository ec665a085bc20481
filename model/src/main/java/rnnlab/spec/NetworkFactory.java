package rnnlab.spec;

import java.util.SplittableRandom;

/**
 * How an engine plugs into training: it makes the {@link Network} of a run. {@code rnnlab.train.Trainer}
 * calls it with the run's weight stream and training set, then sets the run's initial weights (when the
 * spec names a folder), runs the epochs and evaluates, the same way for every engine.
 */
@FunctionalInterface
public interface NetworkFactory {

  /**
   * A freshly initialised model for {@code spec}.
   *
   * @param weights modified: the run's weight stream, drawn from for the initial weights
   * @param train   the training set the model will be trained on (an engine that spreads it over a
   *                cluster takes it here; others ignore it)
   */
  Network create(RunSpec spec, SplittableRandom weights, SequenceSet train);
}
