package rnnlab.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import rnnlab.spec.SequenceSet;

/** Cuts a {@link SequenceSet} into DL4J's time-series arrays. */
final class Batches {

  /**
   * One batch in DL4J's layout: features and labels {@code [batch, 1, steps]} (double); the features mask
   * {@code [batch, steps]} (1 at real steps) or null when no sequence of the batch is padded; the labels
   * mask, 1 at real steps that have a target, the features mask itself when every real step has one. A
   * step without a target (NaN) gets the label 0 and a 0 in the labels mask.
   */
  record Batch(INDArray features, INDArray labels, INDArray mask, INDArray labelsMask, int steps) {}

  private Batches() {}

  /** Sequences {@code order[start..start+batch)} of {@code set}, padded to the longest of them. */
  static Batch of(SequenceSet set, int[] order, int start, int batch) {
    int steps = 0;
    for (int b = 0; b < batch; b++) {
      steps = Math.max(steps, set.lengths()[order[start + b]]);
    }
    double[] inputs = new double[batch * steps];
    double[] targets = new double[batch * steps];
    double[] mask = new double[batch * steps];
    double[] scored = new double[batch * steps];
    boolean padded = false;
    boolean unscored = false;
    int stride = set.maxLength();
    for (int b = 0; b < batch; b++) {
      int n = order[start + b];
      int len = set.lengths()[n];
      System.arraycopy(set.inputs(), n * stride, inputs, b * steps, len);
      System.arraycopy(set.targets(), n * stride, targets, b * steps, len);
      java.util.Arrays.fill(mask, b * steps, b * steps + len, 1.0);
      for (int i = b * steps; i < b * steps + len; i++) {
        if (Double.isNaN(targets[i])) {
          targets[i] = 0;
          unscored = true;
        } else {
          scored[i] = 1.0;
        }
      }
      padded |= len < steps;
    }
    long[] shape = {batch, 1, steps};
    long[] maskShape = {batch, steps};
    INDArray maskArray = padded ? Nd4j.create(mask, maskShape, DataType.DOUBLE) : null;
    INDArray labelsMask = unscored ? Nd4j.create(scored, maskShape, DataType.DOUBLE) : maskArray;
    return new Batch(Nd4j.create(inputs, shape, DataType.DOUBLE),
        Nd4j.create(targets, shape, DataType.DOUBLE), maskArray, labelsMask, steps);
  }
}
