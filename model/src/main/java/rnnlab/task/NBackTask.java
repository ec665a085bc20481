package rnnlab.task;

import java.util.SplittableRandom;
import rnnlab.spec.SequenceSet;

/**
 * n-back on bits, with n = {@code delay}: the target at step t is 1 when the input equals the input
 * {@code delay} steps before, {@code p(t) == p(t - delay)}, else 0; the first {@code delay} steps have no
 * target (NaN). The working-memory task of Kirchner (1958), in the binary form used to probe recurrent
 * networks' memory: unlike delayed recall, the answer needs the remembered bit and the current one together.
 */
public final class NBackTask {

  private NBackTask() {}

  /**
   * Writes the targets of {@code count} steps of {@code inputs} from {@code from} into {@code targets}.
   *
   * @param targets modified: positions {@code from .. from+count-1}
   */
  public static void targets(double[] inputs, int from, int count, int delay, double[] targets) {
    if (delay < 1) {
      throw new IllegalArgumentException("delay must be >= 1, got " + delay);
    }
    for (int t = 0; t < count; t++) {
      targets[from + t] = t < delay ? Double.NaN
          : inputs[from + t] == inputs[from + t - delay] ? 1.0 : 0.0;
    }
  }

  /** Random bit sequences with their targets (see {@link ParityTask#generate} for the draws). */
  public static SequenceSet generate(int count, int minLength, int maxLength, int delay,
      SplittableRandom rng) {
    return RandomBits.generate(count, minLength, maxLength, rng,
        (inputs, from, len, out) -> targets(inputs, from, len, delay, out));
  }
}
