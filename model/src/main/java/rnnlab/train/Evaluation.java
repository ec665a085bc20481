package rnnlab.train;

import rnnlab.spec.SequenceSet;
import rnnlab.spec.TaskType;

/**
 * Per-step accuracy, shared by both engines: over the real steps that have a target (not NaN), the fraction
 * whose output is correct. A binary task's output is correct when it rounds to its target (NumPy's rounding,
 * half to even, so an output of exactly 0.5 counts as 0); a regression task's when it is within
 * {@link TaskType#TOLERANCE} of its target.
 */
public final class Evaluation {

  private Evaluation() {}

  /**
   * The fraction of scored steps of {@code set} whose output is correct for {@code task}; NaN when no step
   * has a target.
   *
   * @param outputs a2 in the layout of {@code set.targets()}
   */
  public static double accuracy(double[] outputs, SequenceSet set, TaskType task) {
    return (double) correct(outputs, set, task) / scoredSteps(set);
  }

  /** How many real steps of {@code set} have a target and an output that is correct for {@code task}. */
  public static long correct(double[] outputs, SequenceSet set, TaskType task) {
    long correct = 0;
    int stride = set.maxLength();
    for (int n = 0; n < set.count(); n++) {
      for (int t = 0; t < set.lengths()[n]; t++) {
        int i = n * stride + t;
        double target = set.targets()[i];
        if (task.regression() ? Math.abs(outputs[i] - target) < TaskType.TOLERANCE
            : (outputs[i] > 0.5 ? 1.0 : 0.0) == target) {
          correct++;
        }
      }
    }
    return correct;
  }

  /** The real steps of {@code set} that have a target (not NaN). */
  public static long scoredSteps(SequenceSet set) {
    long scored = 0;
    int stride = set.maxLength();
    for (int n = 0; n < set.count(); n++) {
      for (int t = 0; t < set.lengths()[n]; t++) {
        if (!Double.isNaN(set.targets()[n * stride + t])) {
          scored++;
        }
      }
    }
    return scored;
  }
}
