package rnnlab.spec;

import java.util.Arrays;

/**
 * A set of input sequences and their targets, possibly of different lengths: bits and 0/1 targets for the
 * binary tasks, values and sums for the adding problem. A target of NaN marks a real step that has no target
 * (it carries no loss, no gradient and is not counted in accuracy).
 *
 * <p>Layout is flat and row-major: step {@code t} of sequence {@code n} is at {@code n * maxLength + t}.
 * Steps at or past {@code lengths[n]} are padding: their input and target are 0 and they carry neither
 * loss nor gradient. R = S2 = 1, as in the lab, so there is one value per step.
 *
 * @param inputs    p(t), flat [count * maxLength]
 * @param targets   t(t), flat [count * maxLength]
 * @param lengths   real length of each sequence, each in 1..maxLength
 * @param maxLength the padded length T
 */
public record SequenceSet(double[] inputs, double[] targets, int[] lengths, int maxLength)
    implements java.io.Serializable {

  public SequenceSet {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be >= 1, got " + maxLength);
    }
    int n = lengths.length;
    if (inputs.length != n * maxLength || targets.length != n * maxLength) {
      throw new IllegalArgumentException("inputs [" + inputs.length + "] and targets [" + targets.length
          + "] must both be count*maxLength = " + n + "*" + maxLength);
    }
    for (int i = 0; i < n; i++) {
      if (lengths[i] < 1 || lengths[i] > maxLength) {
        throw new IllegalArgumentException("length of sequence " + i + " is " + lengths[i]
            + ", expected 1.." + maxLength);
      }
    }
  }

  /** Number of sequences. */
  public int count() {
    return lengths.length;
  }

  /** Total number of real (unpadded) steps. */
  public long realSteps() {
    long s = 0;
    for (int len : lengths) {
      s += len;
    }
    return s;
  }

  /** True when every sequence has the full length (no padding anywhere). */
  public boolean uniformLength() {
    return Arrays.stream(lengths).allMatch(l -> l == maxLength);
  }

  /** The inputs of sequence {@code n} (its real steps only), as a new array. */
  public double[] inputsOf(int n) {
    return Arrays.copyOfRange(inputs, n * maxLength, n * maxLength + lengths[n]);
  }

  /** The targets of sequence {@code n} (its real steps only), as a new array. */
  public double[] targetsOf(int n) {
    return Arrays.copyOfRange(targets, n * maxLength, n * maxLength + lengths[n]);
  }

  /** A set holding the single sequence {@code inputs} with the given targets. */
  public static SequenceSet single(double[] inputs, double[] targets) {
    return new SequenceSet(inputs.clone(), targets.clone(), new int[] {inputs.length}, inputs.length);
  }
}
