package rnnlab.numeric;

import java.util.List;
import rnnlab.spec.ClipMode;

/** Gradient clipping over a flat gradient vector split into tensors. */
public final class Clipping {

  /** Added to the global norm before dividing, as PyTorch's {@code clip_grad_norm_} does. */
  public static final double GLOBAL_EPSILON = 1e-6;

  private Clipping() {}

  /**
   * Clips {@code grad} and returns its global L2 norm before clipping.
   * {@code PER_TENSOR}: each tensor whose norm exceeds {@code max} is scaled by {@code max / norm} (the lab's
   * rule). {@code GLOBAL}: when the global norm exceeds {@code max}, every element is scaled by
   * {@code max / (norm + 1e-6)} (PyTorch's rule). {@code NONE}: unchanged.
   *
   * @param grad modified: scaled in place
   */
  public static double apply(ClipMode mode, double max, double[] grad, List<ParamTensor> tensors) {
    double total = 0;
    for (ParamTensor p : tensors) {
      double sq = sumOfSquares(grad, p.offset(), p.end());
      total += sq;
      if (mode == ClipMode.PER_TENSOR) {
        double norm = Math.sqrt(sq);
        if (norm > max) {
          scale(grad, p.offset(), p.end(), max / norm);
        }
      }
    }
    double norm = Math.sqrt(total);
    if (mode == ClipMode.GLOBAL) {
      double coef = max / (norm + GLOBAL_EPSILON);
      if (coef < 1) {
        scale(grad, 0, grad.length, coef);
      }
    }
    return norm;
  }

  /**
   * The sum of squares of {@code a[from..to)}, in four interleaved partial sums (elements {@code from + 4q
   * + r} go to sum r, in order) added as {@code (s0 + s1) + (s2 + s3)}: a fixed order, so the result is
   * the same on every run, and four independent additions in flight instead of one chain.
   */
  static double sumOfSquares(double[] a, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      s0 += a[i] * a[i];
      s1 += a[i + 1] * a[i + 1];
      s2 += a[i + 2] * a[i + 2];
      s3 += a[i + 3] * a[i + 3];
    }
    for (; i < to; i++) {
      s0 += a[i] * a[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static void scale(double[] a, int from, int to, double factor) {
    for (int i = from; i < to; i++) {
      a[i] *= factor;
    }
  }
}
