package rnnlab.task;

import java.util.SplittableRandom;
import rnnlab.spec.SequenceSet;

/** Random bit sequences with the targets of a binary task: what every binary task generates. */
final class RandomBits {

  /** Writes a task's targets of {@code count} steps of {@code inputs} from {@code from} into {@code out}. */
  @FunctionalInterface
  interface Targets {
    void write(double[] inputs, int from, int count, double[] out);
  }

  private RandomBits() {}

  /**
   * {@code count} random bit sequences with lengths drawn uniformly from {@code minLength..maxLength} (all of
   * length {@code maxLength} when the two are equal), each sequence's length drawn before its bits; the same
   * {@code rng} state gives the same set.
   *
   * @param rng modified: advanced by the draws
   */
  static SequenceSet generate(int count, int minLength, int maxLength, SplittableRandom rng,
      Targets targets) {
    checkSizes(count, minLength, maxLength);
    double[] inputs = new double[count * maxLength];
    double[] out = new double[count * maxLength];
    int[] lengths = new int[count];
    for (int n = 0; n < count; n++) {
      int len = length(minLength, maxLength, rng);
      lengths[n] = len;
      int base = n * maxLength;
      for (int t = 0; t < len; t++) {
        inputs[base + t] = rng.nextInt(2);
      }
      targets.write(inputs, base, len, out);
    }
    return new SequenceSet(inputs, out, lengths, maxLength);
  }

  /** A sequence length drawn uniformly from {@code minLength..maxLength}; no draw when they are equal. */
  static int length(int minLength, int maxLength, SplittableRandom rng) {
    return minLength == maxLength ? maxLength : minLength + rng.nextInt(maxLength - minLength + 1);
  }

  static void checkSizes(int count, int minLength, int maxLength) {
    if (count < 1 || minLength < 1 || maxLength < minLength) {
      throw new IllegalArgumentException("need count >= 1 and 1 <= minLength <= maxLength, got count="
          + count + ", minLength=" + minLength + ", maxLength=" + maxLength);
    }
  }
}
