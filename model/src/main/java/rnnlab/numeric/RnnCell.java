package rnnlab.numeric;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The lab's Elman RNN: {@code a1(t) = tanh(LW_11 a1(t-1) + IW_11 p(t) + b_1)}, {@code a1(0) = 0},
 * {@code n2(t) = LW_21 a1(t) + b_2}. Flat layout: {@code LW_11 (S1,S1)}, {@code IW_11 (S1,1)},
 * {@code b_1 (S1,1)}, {@code LW_21 (1,S1)}, {@code b_2 (1,1)}. Init as the lab: the three weight matrices
 * ~ N(0,1)*0.1 drawn in the order LW_11, IW_11, LW_21; biases 0.
 */
public final class RnnCell implements Cell {

  private final int s1;
  private final List<ParamTensor> tensors;
  private final int lw11;
  private final int iw11;
  private final int b1;
  private final int lw21;
  private final int b2;

  // State of the last forward pass.
  private double[] inputs;
  private int[] lengths;
  private int batch;
  private int steps;
  /** a1 for each sequence and step, with a zero row for a1(0): [batch][steps + 1][S1]. */
  private double[] a1 = new double[0];
  private double[] dh;
  private double[] dhNext;

  /** A cell of {@code s1} hidden units. */
  public RnnCell(int s1) {
    this.s1 = s1;
    lw11 = 0;
    iw11 = lw11 + s1 * s1;
    b1 = iw11 + s1;
    lw21 = b1 + s1;
    b2 = lw21 + s1;
    tensors = List.of(new ParamTensor("LW_11", s1, s1, lw11), new ParamTensor("IW_11", s1, 1, iw11),
        new ParamTensor("b_1", s1, 1, b1), new ParamTensor("LW_21", 1, s1, lw21),
        new ParamTensor("b_2", 1, 1, b2));
    dh = new double[s1];
    dhNext = new double[s1];
  }

  @Override
  public List<ParamTensor> tensors() {
    return tensors;
  }

  @Override
  public int parameterCount() {
    return b2 + 1;
  }

  /** Forward 2·S1² + 6·S1, backward 4·S1² + 8·S1, and the per-step share of the update: ≈7·S1² + 8·S1. */
  @Override
  public long flopsPerStep() {
    return 7L * s1 * s1 + 8L * s1;
  }

  @Override
  public void initialize(double[] params, SplittableRandom rng) {
    java.util.Arrays.fill(params, 0.0);
    for (int i = lw11; i < iw11 + s1; i++) {
      params[i] = rng.nextGaussian() * 0.1;
    }
    for (int i = lw21; i < lw21 + s1; i++) {
      params[i] = rng.nextGaussian() * 0.1;
    }
  }

  @Override
  public void forward(double[] p, double[] inputs, int[] lengths, int batch, int steps, double[] n2) {
    this.inputs = inputs;
    this.lengths = lengths;
    this.batch = batch;
    this.steps = steps;
    int need = batch * (steps + 1) * s1;
    if (a1.length < need) {
      a1 = new double[need];
    }
    for (int b = 0; b < batch; b++) {
      int base = b * (steps + 1) * s1;
      java.util.Arrays.fill(a1, base, base + s1, 0.0);
      int len = lengths[b];
      for (int t = 0; t < steps; t++) {
        int at = b * steps + t;
        if (t >= len) {
          n2[at] = 0;
          continue;
        }
        double x = inputs[at];
        int prev = base + t * s1;
        int cur = prev + s1;
        double out = p[b2];
        for (int i = 0; i < s1; i++) {
          int row = lw11 + i * s1;
          double s = p[b1 + i] + p[iw11 + i] * x;
          for (int j = 0; j < s1; j++) {
            s += p[row + j] * a1[prev + j];
          }
          double h = Math.tanh(s);
          a1[cur + i] = h;
          out += p[lw21 + i] * h;
        }
        n2[at] = out;
      }
    }
  }

  @Override
  public void backward(double[] p, double[] dn2, double[] g) {
    for (int b = 0; b < batch; b++) {
      int base = b * (steps + 1) * s1;
      java.util.Arrays.fill(dhNext, 0.0);
      for (int t = lengths[b] - 1; t >= 0; t--) {
        int at = b * steps + t;
        double d2 = dn2[at];
        double x = inputs[at];
        int prev = base + t * s1;
        int cur = prev + s1;
        g[b2] += d2;
        for (int i = 0; i < s1; i++) {
          double h = a1[cur + i];
          g[lw21 + i] += d2 * h;
          double dz = (d2 * p[lw21 + i] + dhNext[i]) * (1 - h * h);
          dh[i] = dz;
          g[b1 + i] += dz;
          g[iw11 + i] += dz * x;
          int row = lw11 + i * s1;
          for (int j = 0; j < s1; j++) {
            g[row + j] += dz * a1[prev + j];
          }
        }
        java.util.Arrays.fill(dhNext, 0.0);
        for (int i = 0; i < s1; i++) {
          int row = lw11 + i * s1;
          double dz = dh[i];
          for (int j = 0; j < s1; j++) {
            dhNext[j] += p[row + j] * dz;
          }
        }
      }
    }
  }
}
