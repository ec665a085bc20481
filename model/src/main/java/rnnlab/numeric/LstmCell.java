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
  /** c with a zero row for c(0): [batch][steps + 1][S1]. */
  private double[] c = new double[0];
  /** Gate activations i, f, g, o: [batch][steps][4·S1]. */
  private double[] gates = new double[0];
  /** tanh(c(t)): [batch][steps][S1]. */
  private double[] tanhC = new double[0];
  /** dL/dz of the step being back-propagated: [4·S1]. */
  private final double[] dz;
  private final double[] dcNext;

  /** A cell of {@code s1} hidden units. */
  public LstmCell(int s1) {
    super(s1, 4, false);
    g4 = 4 * s1;
    dz = new double[g4];
    dcNext = new double[s1];
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
    if (c.length < a1.length) {
      c = new double[a1.length];
    }
    if (gates.length < batch * steps * g4) {
      gates = new double[batch * steps * g4];
      tanhC = new double[batch * steps * s1];
    }
  }

  /** {@inheritDoc} Each gate's net input summed in the order b_1, IW_11 x, LW_11 a1(t-1). */
  @Override
  double step(double[] p, int b, int t, int at) {
    int prev = previous(b, t);
    int cur = prev + s1;
    int gt = at * g4;
    double x = inputs[at];
    for (int k = 0; k < g4; k++) {
      gates[gt + k] = p[b1 + k] + p[iw11 + k] * x;
    }
    addRecurrent(p, t, prev, gates, gt);
    if (t == 0) {
      Arrays.fill(c, prev, cur, 0.0);
    }
    for (int k = gt; k < gt + 2 * s1; k++) {
      gates[k] = Losses.sigmoid(gates[k]);
    }
    for (int k = gt + 2 * s1; k < gt + 3 * s1; k++) {
      gates[k] = FastTanh.tanh(gates[k]);
    }
    for (int k = gt + 3 * s1; k < gt + g4; k++) {
      gates[k] = Losses.sigmoid(gates[k]);
    }
    int tc = at * s1;
    for (int i = 0; i < s1; i++) {
      double ci = gates[gt + s1 + i] * c[prev + i] + gates[gt + i] * gates[gt + 2 * s1 + i];
      c[cur + i] = ci;
      double th = FastTanh.tanh(ci);
      tanhC[tc + i] = th;
      a1[cur + i] = gates[gt + 3 * s1 + i] * th;
    }
    return output(p, a1, cur);
  }

  @Override
  void beginBackward(double[] p) {
    super.beginBackward(p);
    Arrays.fill(dcNext, 0.0);
  }

  @Override
  void backStep(double[] p, int b, int t, int at, double d2, double[] g) {
    int prev = previous(b, t);
    int cur = prev + s1;
    int gt = at * g4;
    int tc = at * s1;
    outputGradient(g, d2, a1, cur);
    for (int i = 0; i < s1; i++) {
      double dh = d2 * p[lw21 + i] + dhNext[i];
      double gi = gates[gt + i];
      double gf = gates[gt + s1 + i];
      double gg = gates[gt + 2 * s1 + i];
      double go = gates[gt + 3 * s1 + i];
      double th = tanhC[tc + i];
      double dc = dh * go * (1 - th * th) + dcNext[i];
      double di = dc * gg * gi * (1 - gi);
      double df = dc * c[prev + i] * gf * (1 - gf);
      double dg = dc * gi * (1 - gg * gg);
      double dout = dh * th * go * (1 - go);
      dz[i] = di;
      dz[s1 + i] = df;
      dz[2 * s1 + i] = dg;
      dz[3 * s1 + i] = dout;
      dzT[i * steps + t] = di;
      dzT[(s1 + i) * steps + t] = df;
      dzT[(2 * s1 + i) * steps + t] = dg;
      dzT[(3 * s1 + i) * steps + t] = dout;
      dcNext[i] = dc * gf;
    }
    if (t > 0) {
      Arrays.fill(dhNext, 0.0);
      backToPrevious(dz);
    }
  }

  @Override
  void endSequence(double[] g, int b, int len) {
    super.endSequence(g, b, len);
    Arrays.fill(dcNext, 0.0);
  }
}
