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
  /** The recurrent terms xh, then r, z, n and the candidate's recurrent term xh_n: [batch·steps][4·S1]. */
  private double[][] gates = new double[0][];

  /** A cell of {@code s1} hidden units. */
  public GruCell(int s1) {
    super(s1, 3, true);
    g3 = 3 * s1;
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
    gates = grow(gates, batch * steps, 4 * s1);
  }

  /** {@inheritDoc} The recurrent terms' start b_11, onto which LW_11 a1(t-1) is added. */
  @Override
  double[] netInput(int b, int t, double x) {
    double[] xh = gates[b * steps + t];
    System.arraycopy(b11Row, 0, xh, 0, g3);
    return xh;
  }

  /** {@inheritDoc} Each gate's input summed as the equations read, xh replaced by the gates in place. */
  @Override
  double activate(double[] p, int b, int t) {
    double x = inputs[b * steps + t];
    double[] gt = gates[b * steps + t];
    double[] prev = a1[previous(b, t)];
    double[] a = a1[previous(b, t) + 1];
    for (int i = 0; i < s1; i++) {
      double r = Losses.sigmoid(b1Row[i] + iw11Row[i] * x + gt[i]);
      double z = Losses.sigmoid(b1Row[s1 + i] + iw11Row[s1 + i] * x + gt[s1 + i]);
      double hn = gt[2 * s1 + i];
      double n = FastTanh.tanh(b1Row[2 * s1 + i] + iw11Row[2 * s1 + i] * x + r * hn);
      gt[i] = r;
      gt[s1 + i] = z;
      gt[2 * s1 + i] = n;
      gt[3 * s1 + i] = hn;
      a[i] = (1 - z) * n + z * prev[i];
    }
    return output(p, a, 0);
  }

  @Override
  void backStep(int b, int t, int at, double d2) {
    double[] gt = gates[at];
    double[] prev = a1[previous(b, t)];
    double[] dhb = dh[b];
    double[] dx = dzIn[at];
    double[] dxh = dzRec[at];
    for (int i = 0; i < s1; i++) {
      double da = d2 * lw21Row[i] + dhb[i];
      double r = gt[i];
      double z = gt[s1 + i];
      double n = gt[2 * s1 + i];
      double hn = gt[3 * s1 + i];
      double dn = da * (1 - z) * (1 - n * n);
      double dr = dn * hn * r * (1 - r);
      double dzz = da * (prev[i] - n) * z * (1 - z);
      dx[i] = dr;
      dx[s1 + i] = dzz;
      dx[2 * s1 + i] = dn;
      dxh[i] = dr;
      dxh[s1 + i] = dzz;
      dxh[2 * s1 + i] = dn * r;
      dhb[i] = da * z;
    }
  }
}
