package rnnlab.train;

import java.util.SplittableRandom;
import rnnlab.dl4j.Dl4jModel;
import rnnlab.numeric.NumericModel;

/** Builds the model of a run's engine. */
final class Models {

  private Models() {}

  /** A freshly initialised model for {@code spec}, its weights drawn from {@code weights}. */
  static Model create(RunSpec spec, SplittableRandom weights) {
    return switch (spec.engine()) {
      case NUMERIC -> NumericModel.create(spec, weights);
      case DL4J -> Dl4jModel.create(spec, weights);
    };
  }
}
