package rnnlab.numeric;

import java.util.Arrays;

/**
 * The lab's Elman RNN: {@code a1(t) = tanh(LW_11 a1(t-1) + IW_11 p(t) + b_1)}, {@code a1(0) = 0},
 * {@code n2(t) = LW_21 a1(t) + b_2}. Flat layout: {@code LW_11 (S1,S1)}, {@code IW_11 (S1,1)},
 * {@code b_1 (S1,1)}, {@code LW_21 (1,S1)}, {@code b_2 (1,1)}. Init as the lab: the three weight matrices
 * ~ N(0,1)*0.1 drawn in the order LW_11, IW_11, LW_21; biases 0.
 */
public final class RnnCell extends AbstractCell {

  private final int lw11;
  private final int iw11;
  private final int b1;

  /** a1 for each sequence and step, with a zero row for a1(0): [batch][steps + 1][S1]. */
  private double[] a1 = new double[0];
  private final double[] dhNext;
  private final double[] lw11T;
  /** dL/dz of the step being back-propagated: [S1]. */
  private final double[] dz;
  /** dL/dz at each step of the sequence being back-propagated, time-major: [S1][steps]. */
  private double[] dzT = new double[0];
  /** a1(0..len-1) of that sequence, time-major: [S1][steps]. */
  private double[] aT = new double[0];

  /** A cell of {@code s1} hidden units. */
  public RnnCell(int s1) {
    super(s1, new Layout().weight("LW_11", s1, s1).weight("IW_11", s1, 1).bias("b_1", s1));
    lw11 = offset("LW_11");
    iw11 = offset("IW_11");
    b1 = offset("b_1");
    dhNext = new double[s1];
    lw11T = new double[s1 * s1];
    dz = new double[s1];
  }

  /**
   * {@code 6·S1² + 15·S1 + 1} (2,701 at S1 = 20), tanh counted as one operation. Forward: {@code LW_11 a1}
   * 2·S1², {@code + IW_11 p + b_1} 2·S1, tanh S1, {@code LW_21 a1 + b_2} 2·S1. Backward: dz 5·S1,
   * {@code LW_11ᵀ dz} 2·S1², the LW_11 gradient 2·S1², the LW_21, b_1, IW_11 and b_2 gradients 5·S1 + 1.
   * The update is not a per-step cost and is left out (about 4 FLOP per parameter per update: clipping's
   * sum of squares and the SGD step; the lab's figure of ≈2,960 per step at S1 = 20 counts it per step).
   */
  @Override
  public long flopsPerStep() {
    return 6L * s1 * s1 + 15L * s1 + 1;
  }

  @Override
  void reserve(int batch, int steps) {
    int need = batch * (steps + 1) * s1;
    if (a1.length < need) {
      a1 = new double[need];
    }
  }

  /** {@inheritDoc} The net input b_1 + IW_11 x + LW_11 a1(t-1), each row summed in that order. */
  @Override
  double step(double[] p, int b, int t, int at) {
    int prev = (b * (steps + 1) + t) * s1;
    int cur = prev + s1;
    double x = inputs[at];
    for (int i = 0; i < s1; i++) {
      a1[cur + i] = p[b1 + i] + p[iw11 + i] * x;
    }
    if (t == 0) {
      Arrays.fill(a1, prev, cur, 0.0);
    } else {
      Kernels.addMatVec(p, lw11, s1, s1, a1, prev, a1, cur);
    }
    for (int i = cur; i < cur + s1; i++) {
      a1[i] = FastTanh.tanh(a1[i]);
    }
    return output(p, a1, cur);
  }

  /**
   * {@inheritDoc} Per sequence: steps backwards computing dL/dz = dL/d(net input of a1) at each step,
   * {@code LW_11ᵀ dz} for the step before, and the output unit's gradients; then those of LW_11, IW_11 and
   * b_1 over time-major copies of dz and a1, each element summed over the steps in the same order as
   * step-by-step accumulation would (t descending). Terms through a1(0) = 0 are skipped: they are zero.
   */
  @Override
  void beginBackward(double[] p) {
    Kernels.transpose(p, lw11, s1, s1, lw11T);
    if (dzT.length < steps * s1) {
      dzT = new double[steps * s1];
      aT = new double[steps * s1];
    }
    Arrays.fill(dhNext, 0.0);
  }

  @Override
  void backStep(double[] p, int b, int t, int at, double d2, double[] g) {
    int cur = (b * (steps + 1) + t + 1) * s1;
    outputGradient(g, d2, a1, cur);
    for (int i = 0; i < s1; i++) {
      double h = a1[cur + i];
      double d = (d2 * p[lw21 + i] + dhNext[i]) * (1 - h * h);
      dz[i] = d;
      dzT[i * steps + t] = d;
    }
    if (t > 0) {
      Arrays.fill(dhNext, 0.0);
      Kernels.addMatVec(lw11T, 0, s1, s1, dz, 0, dhNext, 0);
    }
  }

  @Override
  void endSequence(double[] g, int b, int len) {
    Kernels.toTimeMajor(a1, b * (steps + 1) * s1, len, s1, aT, steps);
    Kernels.addOuterOverTime(g, lw11, s1, s1, dzT, steps, aT, steps, len);
    Kernels.addSumsOverTime(g, b1, s1, dzT, steps, len);
    Kernels.addDotsOverTime(g, iw11, s1, dzT, steps, inputs, b * steps, len);
    Arrays.fill(dhNext, 0.0);
  }
}
