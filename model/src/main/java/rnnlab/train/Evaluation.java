package rnnlab.train;

import rnnlab.spec.SequenceSet;

/** Per-step accuracy of rounded outputs, shared by both engines. */
public final class Evaluation {

  private Evaluation() {}

  /**
   * The fraction of real steps of {@code set} whose output rounds to its target. Rounding is NumPy's
   * (half to even), so an output of exactly 0.5 counts as 0.
   *
   * @param outputs a2 in the layout of {@code set.targets()}
   */
  public static double accuracy(double[] outputs, SequenceSet set) {
    return (double) correct(outputs, set) / set.realSteps();
  }

  /** How many real steps of {@code set} have an output that rounds to its target. */
  public static long correct(double[] outputs, SequenceSet set) {
    long correct = 0;
    int stride = set.maxLength();
    for (int n = 0; n < set.count(); n++) {
      for (int t = 0; t < set.lengths()[n]; t++) {
        int i = n * stride + t;
        if ((outputs[i] > 0.5 ? 1.0 : 0.0) == set.targets()[i]) {
          correct++;
        }
      }
    }
    return correct;
  }
}
