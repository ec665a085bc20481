package rnnlab.numeric;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A standard LSTM layer (input, forget and output gates and a cell state; no peepholes) under the lab's
 * sigmoid output unit.
 *
 * <p>Equations, with the four gate blocks of S1 rows each in the order <b>i, f, g, o</b>:
 * <pre>
 *   z(t)  = LW_11 a1(t-1) + IW_11 p(t) + b_1          (4·S1)
 *   i = σ(z_i)   f = σ(z_f)   g = tanh(z_g)   o = σ(z_o)
 *   c(t)  = f ⊙ c(t-1) + i ⊙ g
 *   a1(t) = o ⊙ tanh(c(t))                             a1(0) = c(0) = 0
 *   n2(t) = LW_21 a1(t) + b_2
 * </pre>
 * Flat layout, row-major, in this order: {@code LW_11 (4·S1, S1)}, {@code IW_11 (4·S1, 1)},
 * {@code b_1 (4·S1, 1)}, {@code LW_21 (1, S1)}, {@code b_2 (1, 1)}; rows {@code [0, S1)} of LW_11, IW_11
 * and b_1 belong to gate i, {@code [S1, 2·S1)} to f, {@code [2·S1, 3·S1)} to g, {@code [3·S1, 4·S1)} to o.
 * Init: LW_11, IW_11, LW_21 ~ N(0,1)·0.1 drawn in that order; b_1 zero except the forget-gate block,
 * which is 1; b_2 zero. (DL4J's {@code LSTM} layer keeps its blocks in the order g, f, o, i, with
 * {@code W (1, 4·S1)} and {@code RW (S1, 4·S1)} the transposes of IW_11 and LW_11 block by block.)
 */
public final class LstmCell extends RecurrentCell {

  private final int g4;
  /** c per step, a zero row for c(0) first, rows as a1's: [batch·(steps + 1)][S1]. */
  private double[][] c = new double[0][];
  /** The net inputs of the gates, then their activations i, f, g, o: [batch·steps][4·S1]. */
  private double[][] gates = new double[0][];
  /** tanh(c(t)): [batch·steps][S1]. */
  private double[][] tanhC = new double[0][];
  /** dL/dc(t) of each sequence at the step being back-propagated: [batch][S1]. */
  private double[][] dc = new double[0][];

  /** A cell of {@code s1} hidden units. */
  public LstmCell(int s1) {
    super(s1, 4, false);
    g4 = 4 * s1;
  }

  /**
   * Forward 8·S1² + 19·S1 (gate matrix-vector product, input and bias, four gate functions, the cell
   * update, tanh, output), backward 16·S1² + 46·S1 (the LW_11 gradient and LW_11ᵀ·dz, the gate
   * derivatives); tanh, σ and exp count as one operation.
   */
  @Override
  public long flopsPerStep() {
    return 24L * s1 * s1 + 65L * s1;
  }

  @Override
  public void initialize(double[] params, SplittableRandom rng) {
    super.initialize(params, rng);
    Arrays.fill(params, b1 + s1, b1 + 2 * s1, 1.0);
  }

  @Override
  void reserve(int batch, int steps) {
    super.reserve(batch, steps);
    c = grow(c, batch * (steps + 1), s1);
    gates = grow(gates, batch * steps, g4);
    tanhC = grow(tanhC, batch * steps, s1);
    dc = grow(dc, batch, s1);
  }

  /** {@inheritDoc} Each gate's net input b_1 + IW_11 x, onto which LW_11 a1(t-1) is added. */
  @Override
  double[] netInput(int b, int t, double x) {
    double[] z = gates[b * steps + t];
    for (int k = 0; k < g4; k++) {
      z[k] = b1Row[k] + iw11Row[k] * x;
    }
    return z;
  }

  @Override
  double activate(double[] p, int b, int t) {
    int at = b * steps + t;
    double[] gt = gates[at];
    double[] cPrev = c[previous(b, t)];
    double[] cCur = c[previous(b, t) + 1];
    double[] th = tanhC[at];
    double[] a = a1[previous(b, t) + 1];
    if (t == 0) {
      Arrays.fill(cPrev, 0.0);
    }
    for (int k = 0; k < 2 * s1; k++) {
      gt[k] = Losses.sigmoid(gt[k]);
    }
    for (int k = 2 * s1; k < 3 * s1; k++) {
      gt[k] = FastTanh.tanh(gt[k]);
    }
    for (int k = 3 * s1; k < g4; k++) {
      gt[k] = Losses.sigmoid(gt[k]);
    }
    for (int i = 0; i < s1; i++) {
      double ci = gt[s1 + i] * cPrev[i] + gt[i] * gt[2 * s1 + i];
      cCur[i] = ci;
      th[i] = FastTanh.tanh(ci);
    }
    for (int i = 0; i < s1; i++) {
      a[i] = gt[3 * s1 + i] * th[i];
    }
    return output(p, a, 0);
  }

  @Override
  void startBackward(int b) {
    Arrays.fill(dc[b], 0.0);
  }

  @Override
  void backStep(int b, int t, int at, double d2) {
    double[] gt = gates[at];
    double[] th = tanhC[at];
    double[] cPrev = c[previous(b, t)];
    double[] dhb = dh[b];
    double[] dcb = dc[b];
    double[] dz = dzIn[at];
    for (int i = 0; i < s1; i++) {
      double dhi = d2 * lw21Row[i] + dhb[i];
      double gi = gt[i];
      double gf = gt[s1 + i];
      double gg = gt[2 * s1 + i];
      double go = gt[3 * s1 + i];
      double thi = th[i];
      double dci = dhi * go * (1 - thi * thi) + dcb[i];
      dz[i] = dci * gg * gi * (1 - gi);
      dz[s1 + i] = dci * cPrev[i] * gf * (1 - gf);
      dz[2 * s1 + i] = dci * gi * (1 - gg * gg);
      dz[3 * s1 + i] = dhi * thi * go * (1 - go);
      dcb[i] = dci * gf;
      dhb[i] = 0;
    }
  }
}
