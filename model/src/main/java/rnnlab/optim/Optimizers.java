package rnnlab.optim;

import rnnlab.train.RunSpec;

/** Builds the optimizer a run's spec names, with its hyperparameters. */
public final class Optimizers {

  private Optimizers() {}

  /** A fresh optimizer for {@code spec}. */
  public static Optimizer create(RunSpec spec) {
    return switch (spec.optimizer()) {
      case SGD -> new Sgd(spec.lr());
      case MOMENTUM, ADAM, RMSPROP -> throw new IllegalArgumentException(
          "optimizer " + spec.optimizer().label() + " is not in the numeric engine yet");
    };
  }
}
