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
public final class LstmCell extends AbstractCell {

  private final int g4;
  private final int lw11;
  private final int iw11;
  private final int b1;

  /** a1 with a zero row for a1(0): [batch][steps + 1][S1]. */
  private double[] a1 = new double[0];
  /** c with a zero row for c(0): [batch][steps + 1][S1]. */
  private double[] c = new double[0];
  /** Gate activations i, f, g, o: [batch][steps][4·S1]. */
  private double[] gates = new double[0];
  /** tanh(c(t)): [batch][steps][S1]. */
  private double[] tanhC = new double[0];
  /** dL/dz of the step being back-propagated: [4·S1]. */
  private final double[] dz;
  private final double[] dhNext;
  private final double[] dcNext;
  /** LW_11ᵀ: [S1][4·S1]. */
  private final double[] lw11T;
  /** dL/dz at each step of the sequence being back-propagated, time-major: [4·S1][steps]. */
  private double[] dzT = new double[0];
  /** a1(0..len-1) of that sequence, time-major: [S1][steps]. */
  private double[] aT = new double[0];

  /** A cell of {@code s1} hidden units. */
  public LstmCell(int s1) {
    super(s1, new Layout().weight("LW_11", 4 * s1, s1).weight("IW_11", 4 * s1, 1).bias("b_1", 4 * s1));
    g4 = 4 * s1;
    lw11 = offset("LW_11");
    iw11 = offset("IW_11");
    b1 = offset("b_1");
    dz = new double[g4];
    dhNext = new double[s1];
    dcNext = new double[s1];
    lw11T = new double[g4 * s1];
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
    int states = batch * (steps + 1) * s1;
    if (a1.length < states) {
      a1 = new double[states];
      c = new double[states];
    }
    if (gates.length < batch * steps * g4) {
      gates = new double[batch * steps * g4];
      tanhC = new double[batch * steps * s1];
    }
  }

  /** {@inheritDoc} Each gate's net input summed in the order b_1, IW_11 x, LW_11 a1(t-1). */
  @Override
  double step(double[] p, int b, int t, int at) {
    int prev = (b * (steps + 1) + t) * s1;
    int cur = prev + s1;
    int gt = at * g4;
    double x = inputs[at];
    for (int k = 0; k < g4; k++) {
      gates[gt + k] = p[b1 + k] + p[iw11 + k] * x;
    }
    if (t == 0) {
      Arrays.fill(a1, prev, cur, 0.0);
      Arrays.fill(c, prev, cur, 0.0);
    } else {
      Kernels.addMatVec(p, lw11, g4, s1, a1, prev, gates, gt);
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

  /**
   * {@inheritDoc} Per sequence: steps backwards computing the gates' dL/dz at each step, {@code LW_11ᵀ dz}
   * for the step before, and the output unit's gradients; then those of LW_11, IW_11 and b_1 over
   * time-major copies of dz and a1, each element summed over the steps in the same order as step-by-step
   * accumulation would (t descending). Terms through a1(0) = 0 are skipped: they are zero.
   */
  @Override
  void beginBackward(double[] p) {
    Kernels.transpose(p, lw11, g4, s1, lw11T);
    if (dzT.length < steps * g4) {
      dzT = new double[steps * g4];
      aT = new double[steps * s1];
    }
    Arrays.fill(dhNext, 0.0);
    Arrays.fill(dcNext, 0.0);
  }

  @Override
  void backStep(double[] p, int b, int t, int at, double d2, double[] g) {
    int prev = (b * (steps + 1) + t) * s1;
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
      Kernels.addMatVec(lw11T, 0, s1, g4, dz, 0, dhNext, 0);
    }
  }

  @Override
  void endSequence(double[] g, int b, int len) {
    Kernels.toTimeMajor(a1, b * (steps + 1) * s1, len, s1, aT, steps);
    Kernels.addOuterOverTime(g, lw11, g4, s1, dzT, steps, aT, steps, len);
    Kernels.addSumsOverTime(g, b1, g4, dzT, steps, len);
    Kernels.addDotsOverTime(g, iw11, g4, dzT, steps, inputs, b * steps, len);
    Arrays.fill(dhNext, 0.0);
    Arrays.fill(dcNext, 0.0);
  }
}
