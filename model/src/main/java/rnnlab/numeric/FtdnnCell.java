package rnnlab.numeric;

/**
 * A focused time-delay network: a feed-forward tanh layer on a tapped delay line of the last d inputs,
 * under the lab's sigmoid output unit. No recurrence: it sees exactly d steps back.
 *
 * <pre>
 *   x(t)  = [p(t), p(t-1), ..., p(t-d+1)]         p(t-k) = 0 before the sequence starts
 *   a1(t) = tanh(IW_11 x(t) + b_1)
 *   n2(t) = LW_21 a1(t) + b_2
 * </pre>
 * Flat layout, row-major, in this order: {@code IW_11 (S1, d)} (column k weighs p(t-k)),
 * {@code b_1 (S1, 1)}, {@code LW_21 (1, S1)}, {@code b_2 (1, 1)}. Init: IW_11, LW_21 ~ N(0,1)·0.1 drawn
 * in that order; biases zero.
 */
public final class FtdnnCell extends AbstractCell {

  private final int d;
  private final int iw11;
  private final int b1;

  /** a1: [batch][steps][S1]. */
  private double[] a1 = new double[0];

  /** A cell of {@code s1} hidden units on a delay line of {@code delays} taps. */
  public FtdnnCell(int s1, int delays) {
    super(s1, new Layout().weight("IW_11", s1, checked(delays)).bias("b_1", s1));
    this.d = delays;
    iw11 = offset("IW_11");
    b1 = offset("b_1");
  }

  private static int checked(int delays) {
    if (delays < 1) {
      throw new IllegalArgumentException("delays must be >= 1, got " + delays);
    }
    return delays;
  }

  /**
   * Forward 2·S1·d + 4·S1 (delay line product, bias, tanh, output), backward 2·S1·d + 7·S1; tanh counts
   * as one operation.
   */
  @Override
  public long flopsPerStep() {
    return 4L * s1 * d + 11L * s1;
  }

  /** {@inheritDoc} Sequence by sequence, step by step; n2 at padded steps is 0. */
  @Override
  public void forward(double[] p, double[] inputs, int[] lengths, int batch, int steps, double[] n2) {
    keepBatch(inputs, lengths, batch, steps);
    if (a1.length < batch * steps * s1) {
      a1 = new double[batch * steps * s1];
    }
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < steps; t++) {
        int at = b * steps + t;
        n2[at] = t < lengths[b] ? step(p, t, at) : 0;
      }
    }
  }

  private double step(double[] p, int t, int at) {
    int taps = Math.min(d, t + 1);
    for (int i = 0; i < s1; i++) {
      int row = iw11 + i * d;
      double s = p[b1 + i];
      for (int k = 0; k < taps; k++) {
        s += p[row + k] * inputs[at - k];
      }
      a1[at * s1 + i] = FastTanh.tanh(s);
    }
    return output(p, a1, at * s1);
  }

  /** {@inheritDoc} Sequence by sequence, each real step backwards, every gradient added at its step. */
  @Override
  public void backward(double[] p, double[] dn2, double[] g) {
    for (int b = 0; b < batch; b++) {
      for (int t = lengths[b] - 1; t >= 0; t--) {
        int at = b * steps + t;
        backStep(p, t, at, dn2[at], g);
      }
    }
  }

  private void backStep(double[] p, int t, int at, double d2, double[] g) {
    int taps = Math.min(d, t + 1);
    int a = at * s1;
    g[b2] += d2;
    for (int i = 0; i < s1; i++) {
      g[lw21 + i] += d2 * a1[a + i];
    }
    for (int i = 0; i < s1; i++) {
      double h = a1[a + i];
      double dz = d2 * p[lw21 + i] * (1 - h * h);
      g[b1 + i] += dz;
      int row = iw11 + i * d;
      for (int k = 0; k < taps; k++) {
        g[row + k] += dz * inputs[at - k];
      }
    }
  }
}
