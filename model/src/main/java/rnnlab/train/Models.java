package rnnlab.train;

import java.util.SplittableRandom;
import rnnlab.numeric.NumericModel;

/** Builds the model of a run's engine. */
final class Models {

  private Models() {}

  /** A freshly initialised model for {@code spec}, its weights drawn from {@code weights}. */
  static Model create(RunSpec spec, SplittableRandom weights) {
    return switch (spec.engine()) {
      case NUMERIC -> NumericModel.create(spec, weights);
      case DL4J -> throw new IllegalArgumentException("engine dl4j is not available in this build yet");
    };
  }
}
