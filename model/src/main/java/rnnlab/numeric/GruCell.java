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
  private final double[] xh;
  private final double[] dxp;
  private final double[] dxh;
  private final double[] dhNext;

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
    dxp = new double[g3];
    dxh = new double[g3];
    dhNext = new double[s1];
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
  public void forward(double[] p, double[] inputs, int[] lengths, int batch, int steps, double[] n2) {
    remember(inputs, lengths, batch, steps);
    if (a1.length < batch * (steps + 1) * s1) {
      a1 = new double[batch * (steps + 1) * s1];
    }
    if (gates.length < batch * steps * 4 * s1) {
      gates = new double[batch * steps * 4 * s1];
    }
    for (int b = 0; b < batch; b++) {
      int base = b * (steps + 1) * s1;
      Arrays.fill(a1, base, base + s1, 0.0);
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
        int gt = at * 4 * s1;
        for (int k = 0; k < g3; k++) {
          int row = lw11 + k * s1;
          double s = p[b11 + k];
          for (int j = 0; j < s1; j++) {
            s += p[row + j] * a1[prev + j];
          }
          xh[k] = s;
        }
        for (int i = 0; i < s1; i++) {
          double r = Losses.sigmoid(p[b1 + i] + p[iw11 + i] * x + xh[i]);
          double z = Losses.sigmoid(p[b1 + s1 + i] + p[iw11 + s1 + i] * x + xh[s1 + i]);
          double hn = xh[2 * s1 + i];
          double n = Math.tanh(p[b1 + 2 * s1 + i] + p[iw11 + 2 * s1 + i] * x + r * hn);
          gates[gt + i] = r;
          gates[gt + s1 + i] = z;
          gates[gt + 2 * s1 + i] = n;
          gates[gt + 3 * s1 + i] = hn;
          double h = (1 - z) * n + z * a1[prev + i];
          a1[cur + i] = h;
        }
        n2[at] = output(p, a1, cur);
      }
    }
  }

  @Override
  public void backward(double[] p, double[] dn2, double[] g) {
    for (int b = 0; b < batch; b++) {
      int base = b * (steps + 1) * s1;
      Arrays.fill(dhNext, 0.0);
      for (int t = lengths[b] - 1; t >= 0; t--) {
        int at = b * steps + t;
        double d2 = dn2[at];
        double x = inputs[at];
        int prev = base + t * s1;
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
          dxp[i] = dr;
          dxp[s1 + i] = dzz;
          dxp[2 * s1 + i] = dn;
          dxh[i] = dr;
          dxh[s1 + i] = dzz;
          dxh[2 * s1 + i] = dn * r;
          dhNext[i] = da * z;
        }
        for (int k = 0; k < g3; k++) {
          g[b1 + k] += dxp[k];
          g[iw11 + k] += dxp[k] * x;
          double d = dxh[k];
          g[b11 + k] += d;
          int row = lw11 + k * s1;
          for (int j = 0; j < s1; j++) {
            g[row + j] += d * a1[prev + j];
            dhNext[j] += p[row + j] * d;
          }
        }
      }
    }
  }
}
