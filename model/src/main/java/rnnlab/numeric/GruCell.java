package rnnlab.numeric;

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
public final class GruCell extends RecurrentCell {

  private final int g3;
  private final int b11;
  /** r, z, n and the candidate's recurrent term xh_n: [batch][steps][4·S1]. */
  private double[] gates = new double[0];
  /** The recurrent terms xh of the step being run forward: [3·S1]. */
  private final double[] xh;
  /** dL/dxh of the step being back-propagated: [3·S1]. */
  private final double[] dxh;

  /** A cell of {@code s1} hidden units. */
  public GruCell(int s1) {
    super(s1, 3, true);
    g3 = 3 * s1;
    b11 = offset("b_11");
    xh = new double[g3];
    dxh = new double[g3];
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
    super.reserve(batch, steps);
    if (gates.length < batch * steps * 4 * s1) {
      gates = new double[batch * steps * 4 * s1];
    }
  }

  /** {@inheritDoc} xh summed in the order b_11, LW_11 a1(t-1); each gate's input as the equations read. */
  @Override
  double step(double[] p, int b, int t, int at) {
    int prev = previous(b, t);
    int cur = prev + s1;
    int gt = at * 4 * s1;
    double x = inputs[at];
    System.arraycopy(p, b11, xh, 0, g3);
    addRecurrent(p, t, prev, xh, 0);
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

  @Override
  void backStep(double[] p, int b, int t, int at, double d2, double[] g) {
    int prev = previous(b, t);
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
      dxT[i * steps + t] = dr;
      dxT[(s1 + i) * steps + t] = dzz;
      dxT[(2 * s1 + i) * steps + t] = dn;
      dxh[i] = dr;
      dxh[s1 + i] = dzz;
      dxh[2 * s1 + i] = dhn;
      dzT[i * steps + t] = dr;
      dzT[(s1 + i) * steps + t] = dzz;
      dzT[(2 * s1 + i) * steps + t] = dhn;
      dhNext[i] = da * z;
    }
    if (t > 0) {
      backToPrevious(dxh);
    }
  }
}
