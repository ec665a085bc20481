package rnnlab.task;

import java.util.SplittableRandom;
import rnnlab.spec.SequenceSet;

/**
 * Delayed recall: the target at step t is the input bit of {@code delay} steps before, {@code p(t - delay)};
 * the first {@code delay} steps have no target (NaN: no loss, no gradient, not counted in accuracy). The
 * classic copy/recall probe of recurrent memory (Hochreiter and Schmidhuber 1997, section 5; the
 * {@code delay} is the time lag the network must bridge).
 */
public final class DelayedRecallTask {

  private DelayedRecallTask() {}

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
      targets[from + t] = t < delay ? Double.NaN : inputs[from + t - delay];
    }
  }

  /** Random bit sequences with their targets (see {@link ParityTask#generate} for the draws). */
  public static SequenceSet generate(int count, int minLength, int maxLength, int delay,
      SplittableRandom rng) {
    return RandomBits.generate(count, minLength, maxLength, rng,
        (inputs, from, len, out) -> targets(inputs, from, len, delay, out));
  }
}
