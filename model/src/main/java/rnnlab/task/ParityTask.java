package rnnlab.task;

import java.util.SplittableRandom;
import rnnlab.spec.SequenceSet;

/**
 * The lab's "counting ones in a window" task: the target at step t is 1 when the number of ones among
 * the last {@code window} inputs {@code p(max(0, t-window+1)) .. p(t)} is even, else 0. The window is cut
 * short at the start of a sequence. Generation keeps a running count (add the new input, drop the one
 * that leaves the window), so each step costs O(1) whatever the window.
 */
public final class ParityTask {

  /** The lab's probe sequence, fed through the trained network after the test run. */
  public static final double[] PROBE =
      {1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0};

  private ParityTask() {}

  /**
   * Writes the targets of {@code count} steps of {@code inputs} starting at {@code from} into
   * {@code targets} at the same positions.
   *
   * @param targets modified: positions {@code from .. from+count-1}
   */
  public static void targets(double[] inputs, int from, int count, int window, double[] targets) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1, got " + window);
    }
    int ones = 0;
    for (int t = 0; t < count; t++) {
      ones += (int) inputs[from + t];
      if (t >= window) {
        ones -= (int) inputs[from + t - window];
      }
      targets[from + t] = (ones & 1) == 0 ? 1.0 : 0.0;
    }
  }

  /** The targets of one whole sequence, as a new array. */
  public static double[] targets(double[] inputs, int window) {
    double[] out = new double[inputs.length];
    targets(inputs, 0, inputs.length, window, out);
    return out;
  }

  /** The probe sequence with its targets for {@code window}. */
  public static SequenceSet probe(int window) {
    return SequenceSet.single(PROBE, targets(PROBE, window));
  }

  /**
   * Generates {@code count} random bit sequences with lengths drawn uniformly from
   * {@code minLength..maxLength} (all of length {@code maxLength} when the two are equal).
   * The same {@code rng} state gives the same set.
   *
   * @param rng modified: advanced by the draws
   */
  public static SequenceSet generate(int count, int minLength, int maxLength, int window,
      SplittableRandom rng) {
    return RandomBits.generate(count, minLength, maxLength, rng,
        (inputs, from, len, out) -> targets(inputs, from, len, window, out));
  }
}
