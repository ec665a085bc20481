package rnnlab.sweep;

import rnnlab.spec.RunSpec;

/** The work estimate of a run, as {@code validate} prints it and a sweep packs its tasks by. */
public final class Work {

  private Work() {}

  /** Training steps of {@code run}: epochs x sequences x the mean sequence length. */
  public static long trainingSteps(RunSpec run) {
    return (long) run.epochs() * run.samples() * (run.length() + run.effectiveLengthMin()) / 2;
  }
}
