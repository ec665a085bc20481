package rnnlab.train;

import java.util.SplittableRandom;
import rnnlab.dl4j.Dl4jModel;
import rnnlab.numeric.NumericModel;
import rnnlab.spec.Network;
import rnnlab.spec.RunSpec;

/** Builds the model of a run's engine. */
final class Engines {

  private Engines() {}

  /**
   * A freshly initialised model for {@code spec}, its weights drawn from {@code weights}; for dl4j-spark the
   * driver's copy of the network, the same as dl4j's.
   */
  static Network create(RunSpec spec, SplittableRandom weights) {
    return switch (spec.engine()) {
      case NUMERIC -> NumericModel.create(spec, weights);
      case DL4J, DL4J_SPARK -> Dl4jModel.create(spec, weights);
    };
  }
}
