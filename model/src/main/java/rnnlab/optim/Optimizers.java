package rnnlab.optim;

import rnnlab.spec.RunSpec;

/** Builds the optimizer a run's spec names, with its hyperparameters. */
public final class Optimizers {

  private Optimizers() {}

  /** A fresh optimizer for {@code spec}. */
  public static Optimizer create(RunSpec spec) {
    return switch (spec.optimizer()) {
      case SGD -> new Sgd(spec.lr());
      case MOMENTUM -> new Momentum(spec.lr(), spec.momentum());
      case ADAM -> new Adam(spec.lr(), spec.beta1(), spec.beta2(), spec.epsilon());
      case RMSPROP -> new RmsProp(spec.lr(), spec.rho(), spec.epsilon());
    };
  }
}
