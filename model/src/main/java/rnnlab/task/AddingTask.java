package rnnlab.task;

import java.util.Arrays;
import java.util.SplittableRandom;
import rnnlab.spec.SequenceSet;

/**
 * The adding problem (Hochreiter and Schmidhuber 1997, experiment 4), on the lab's one input line: every
 * step carries a value {@code v(t)} drawn uniformly from [0, 1); two steps are marked, one in the first half
 * of the sequence ({@code t < T/2}, T its length) and one in the second, and a marked step's input is
 * {@code v(t) + 1} (so marked inputs lie in [1, 2), the others in [0, 1)). The one target is at the last
 * step: the sum of the two marked values, in [0, 2). Every other step has no target (NaN). The original
 * gives the marker its own input line; rnnlab's networks have one (R = 1), so the marker is added to the
 * value. Harder as T grows: the first value must be held for at least T/2 steps.
 */
public final class AddingTask {

  /** The probe: values (t + 1)/23 over 22 steps, steps 2 and 16 marked; its target is 20/23. */
  private static final int[] PROBE_MARKS = {2, 16};

  private AddingTask() {}

  /**
   * {@code count} sequences with lengths drawn uniformly from {@code minLength..maxLength} (the same draws as
   * the binary tasks'), then per sequence its values step by step and its two marks.
   *
   * @param rng modified: advanced by the draws
   */
  public static SequenceSet generate(int count, int minLength, int maxLength, SplittableRandom rng) {
    RandomBits.checkSizes(count, minLength, maxLength);
    if (minLength < 2) {
      throw new IllegalArgumentException("the adding problem needs sequences of at least 2 steps, got "
          + minLength);
    }
    double[] inputs = new double[count * maxLength];
    double[] targets = new double[count * maxLength];
    int[] lengths = new int[count];
    for (int n = 0; n < count; n++) {
      int len = RandomBits.length(minLength, maxLength, rng);
      lengths[n] = len;
      int base = n * maxLength;
      for (int t = 0; t < len; t++) {
        inputs[base + t] = rng.nextDouble();
      }
      int half = len / 2;
      int first = rng.nextInt(half);
      int second = half + rng.nextInt(len - half);
      mark(inputs, targets, base, len, first, second);
    }
    return new SequenceSet(inputs, targets, lengths, maxLength);
  }

  /** The probe sequence with its one target. */
  public static SequenceSet probe() {
    int len = ParityTask.PROBE.length;
    double[] inputs = new double[len];
    Arrays.setAll(inputs, t -> (t + 1) / 23.0);
    double[] targets = new double[len];
    mark(inputs, targets, 0, len, PROBE_MARKS[0], PROBE_MARKS[1]);
    return new SequenceSet(inputs, targets, new int[] {len}, len);
  }

  /** Marks steps {@code first} and {@code second} of the sequence at {@code base} and sets its targets. */
  private static void mark(double[] inputs, double[] targets, int base, int len, int first, int second) {
    Arrays.fill(targets, base, base + len, Double.NaN);
    targets[base + len - 1] = inputs[base + first] + inputs[base + second];
    inputs[base + first] += 1;
    inputs[base + second] += 1;
  }
}
