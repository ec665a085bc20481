package rnnlab.numeric;

import java.util.Arrays;

/**
 * A standard GRU layer (reset and update gates) under the lab's sigmoid output unit, in PyTorch's
 * formulation ({@code torch.nn.GRU}: the reset gate multiplies the recurrent term of the candidate,
 * bias included, rather than the previous state).
 *
 * <p>Equations, with the three gate blocks of S1 rows each in PyTorch's order <b>r, z, n</b>:
 * <pre>
 *   xp(t) = IW_11 p(t) + b_1         xh(t) = LW_11 a1(t-1) + b_11         (3·S1 each)
 *   r = σ(xp_r + xh_r)   z = σ(xp_z + xh_z)   n = tanh(xp_n + r ⊙ xh_n)
 *   a1(t) = (1 - z) ⊙ n + z ⊙ a1(t-1)                                    a1(0) = 0
 *   n2(t) = LW_21 a1(t) + b_2
 * </pre>
 * Flat layout, row-major, in this order: {@code LW_11 (3·S1, S1)} (PyTorch's {@code weight_hh_l0}),
 * {@code IW_11 (3·S1, 1)} ({@code weight_ih_l0}), {@code b_1 (3·S1, 1)} ({@code bias_ih_l0}),
 * {@code b_11 (3·S1, 1)} ({@code bias_hh_l0}), {@code LW_21 (1, S1)}, {@code b_2 (1, 1)}; rows
 * {@code [0, S1)} belong to r, {@code [S1, 2·S1)} to z, {@code [2·S1, 3·S1)} to n. Only the n block of
 * b_11 differs in effect from b_1; the r and z blocks are kept so that PyTorch weights map one to one.
 * Init: LW_11, IW_11, LW_21 ~ N(0,1)·0.1 drawn in that order; biases zero.
 */
public final class GruCell extends AbstractCell {

  private final int g3;
  private final int lw11;
  private final int iw11;
  private final int b1;
  private final int b11;

  /** a1 with a zero row for a1(0): [batch][steps + 1][S1]. */
  private double[] a1 = new double[0];
  /** r, z, n and the candidate's recurrent term xh_n: [batch][steps][4·S1]. */
  private double[] gates = new double[0];
  /** The recurrent terms xh of the step being run forward: [3·S1]. */
  private final double[] xh;
  /** dL/dxh of the step being back-propagated: [3·S1]. */
  private final double[] dxh;
  private final double[] dhNext;
  /** LW_11ᵀ: [S1][3·S1]. */
  private final double[] lw11T;
  /** dL/dxp and dL/dxh at each step of the sequence being back-propagated, time-major: [3·S1][steps]. */
  private double[] dxpT = new double[0];
  private double[] dxhT = new double[0];
  /** a1(0..len-1) of that sequence, time-major: [S1][steps]. */
  private double[] aT = new double[0];

  /** A cell of {@code s1} hidden units. */
  public GruCell(int s1) {
    super(s1, new Layout().weight("LW_11", 3 * s1, s1).weight("IW_11", 3 * s1, 1).bias("b_1", 3 * s1)
        .bias("b_11", 3 * s1));
    g3 = 3 * s1;
    lw11 = offset("LW_11");
    iw11 = offset("IW_11");
    b1 = offset("b_1");
    b11 = offset("b_11");
    xh = new double[g3];
    dxh = new double[g3];
    dhNext = new double[s1];
    lw11T = new double[g3 * s1];
  }

  /**
   * Forward 6·S1² + 25·S1 (recurrent matrix-vector product, input and biases, gates, candidate, state
   * update, output), backward 12·S1² + 33·S1 (the LW_11 gradient and LW_11ᵀ·dxh, the gate derivatives);
   * tanh, σ and exp count as one operation.
   */
  @Override
  public long flopsPerStep() {
    return 18L * s1 * s1 + 58L * s1;
  }

  @Override
  void reserve(int batch, int steps) {
    if (a1.length < batch * (steps + 1) * s1) {
      a1 = new double[batch * (steps + 1) * s1];
    }
    if (gates.length < batch * steps * 4 * s1) {
      gates = new double[batch * steps * 4 * s1];
    }
  }

  /** {@inheritDoc} xh summed in the order b_11, LW_11 a1(t-1); each gate's input as the equations read. */
  @Override
  double step(double[] p, int b, int t, int at) {
    int prev = (b * (steps + 1) + t) * s1;
    int cur = prev + s1;
    int gt = at * 4 * s1;
    double x = inputs[at];
    System.arraycopy(p, b11, xh, 0, g3);
    if (t == 0) {
      Arrays.fill(a1, prev, cur, 0.0);
    } else {
      Kernels.addMatVec(p, lw11, g3, s1, a1, prev, xh, 0);
    }
    for (int i = 0; i < s1; i++) {
      double r = Losses.sigmoid(p[b1 + i] + p[iw11 + i] * x + xh[i]);
      double z = Losses.sigmoid(p[b1 + s1 + i] + p[iw11 + s1 + i] * x + xh[s1 + i]);
      double hn = xh[2 * s1 + i];
      double n = FastTanh.tanh(p[b1 + 2 * s1 + i] + p[iw11 + 2 * s1 + i] * x + r * hn);
      gates[gt + i] = r;
      gates[gt + s1 + i] = z;
      gates[gt + 2 * s1 + i] = n;
      gates[gt + 3 * s1 + i] = hn;
      a1[cur + i] = (1 - z) * n + z * a1[prev + i];
    }
    return output(p, a1, cur);
  }

  /**
   * {@inheritDoc} Per sequence: steps backwards computing dL/dxp and dL/dxh at each step,
   * {@code LW_11ᵀ dxh} for the step before, and the output unit's gradients; then those of LW_11, IW_11,
   * b_1 and b_11 over time-major copies, each element summed over the steps in the same order as
   * step-by-step accumulation would (t descending). Terms through a1(0) = 0 are skipped: they are zero.
   */
  @Override
  void beginBackward(double[] p) {
    Kernels.transpose(p, lw11, g3, s1, lw11T);
    if (dxpT.length < steps * g3) {
      dxpT = new double[steps * g3];
      dxhT = new double[steps * g3];
      aT = new double[steps * s1];
    }
    Arrays.fill(dhNext, 0.0);
  }

  @Override
  void backStep(double[] p, int b, int t, int at, double d2, double[] g) {
    int prev = (b * (steps + 1) + t) * s1;
    int cur = prev + s1;
    int gt = at * 4 * s1;
    outputGradient(g, d2, a1, cur);
    for (int i = 0; i < s1; i++) {
      double da = d2 * p[lw21 + i] + dhNext[i];
      double r = gates[gt + i];
      double z = gates[gt + s1 + i];
      double n = gates[gt + 2 * s1 + i];
      double hn = gates[gt + 3 * s1 + i];
      double dn = da * (1 - z) * (1 - n * n);
      double dr = dn * hn * r * (1 - r);
      double dzz = da * (a1[prev + i] - n) * z * (1 - z);
      double dhn = dn * r;
      dxpT[i * steps + t] = dr;
      dxpT[(s1 + i) * steps + t] = dzz;
      dxpT[(2 * s1 + i) * steps + t] = dn;
      dxh[i] = dr;
      dxh[s1 + i] = dzz;
      dxh[2 * s1 + i] = dhn;
      dxhT[i * steps + t] = dr;
      dxhT[(s1 + i) * steps + t] = dzz;
      dxhT[(2 * s1 + i) * steps + t] = dhn;
      dhNext[i] = da * z;
    }
    if (t > 0) {
      Kernels.addMatVec(lw11T, 0, s1, g3, dxh, 0, dhNext, 0);
    }
  }

  @Override
  void endSequence(double[] g, int b, int len) {
    Kernels.toTimeMajor(a1, b * (steps + 1) * s1, len, s1, aT, steps);
    Kernels.addOuterOverTime(g, lw11, g3, s1, dxhT, steps, aT, steps, len);
    Kernels.addSumsOverTime(g, b1, g3, dxpT, steps, len);
    Kernels.addDotsOverTime(g, iw11, g3, dxpT, steps, inputs, b * steps, len);
    Kernels.addSumsOverTime(g, b11, g3, dxhT, steps, len);
    Arrays.fill(dhNext, 0.0);
  }
}
