package rnnlab.numeric;

/**
 * The lab's Elman RNN: {@code a1(t) = tanh(LW_11 a1(t-1) + IW_11 p(t) + b_1)}, {@code a1(0) = 0},
 * {@code n2(t) = LW_21 a1(t) + b_2}. Flat layout: {@code LW_11 (S1,S1)}, {@code IW_11 (S1,1)},
 * {@code b_1 (S1,1)}, {@code LW_21 (1,S1)}, {@code b_2 (1,1)}. Init as the lab: the three weight matrices
 * ~ N(0,1)*0.1 drawn in the order LW_11, IW_11, LW_21; biases 0. Backward: BPTT as {@link RecurrentCell}
 * does it, with dz = dL/d(net input of a1).
 */
public final class RnnCell extends RecurrentCell {

  /** A cell of {@code s1} hidden units. */
  public RnnCell(int s1) {
    super(s1, 1, false);
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

  /** {@inheritDoc} The net input b_1 + IW_11 x, in a1(t)'s row, which the activation overwrites. */
  @Override
  double[] netInput(int b, int t, double x) {
    double[] z = a1[previous(b, t) + 1];
    for (int i = 0; i < s1; i++) {
      z[i] = b1Row[i] + iw11Row[i] * x;
    }
    return z;
  }

  @Override
  double activate(double[] p, int b, int t) {
    double[] a = a1[previous(b, t) + 1];
    for (int i = 0; i < s1; i++) {
      a[i] = FastTanh.tanh(a[i]);
    }
    return output(p, a, 0);
  }

  @Override
  void backStep(int b, int t, int at, double d2) {
    double[] a = a1[previous(b, t) + 1];
    double[] d = dh[b];
    double[] dz = dzIn[at];
    for (int i = 0; i < s1; i++) {
      double h = a[i];
      dz[i] = (d2 * lw21Row[i] + d[i]) * (1 - h * h);
      d[i] = 0;
    }
  }
}
