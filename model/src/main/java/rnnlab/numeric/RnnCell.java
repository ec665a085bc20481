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
  /** a1(0..len) of that sequence, time-major: [S1][steps + 1]. */
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
  public void forward(double[] p, double[] inputs, int[] lengths, int batch, int steps, double[] n2) {
    remember(inputs, lengths, batch, steps);
    int need = batch * (steps + 1) * s1;
    if (a1.length < need) {
      a1 = new double[need];
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
        int prev = base + t * s1;
        int cur = prev + s1;
        hiddenNetInput(p, inputs[at], prev, cur);
        for (int i = cur; i < cur + s1; i++) {
          a1[i] = FastTanh.tanh(a1[i]);
        }
        n2[at] = output(p, a1, cur);
      }
    }
  }

  /**
   * Writes {@code b_1 + IW_11 x + LW_11 a1(t-1)} to {@code a1[cur..cur+S1)}, each row summed in that order
   * (j ascending), four rows at a time so that four sums are in flight.
   */
  private void hiddenNetInput(double[] p, double x, int prev, int cur) {
    int i = 0;
    for (; i + 3 < s1; i += 4) {
      int r0 = lw11 + i * s1;
      int r1 = r0 + s1;
      int r2 = r1 + s1;
      int r3 = r2 + s1;
      double z0 = p[b1 + i] + p[iw11 + i] * x;
      double z1 = p[b1 + i + 1] + p[iw11 + i + 1] * x;
      double z2 = p[b1 + i + 2] + p[iw11 + i + 2] * x;
      double z3 = p[b1 + i + 3] + p[iw11 + i + 3] * x;
      for (int j = 0; j < s1; j++) {
        double aj = a1[prev + j];
        z0 += p[r0 + j] * aj;
        z1 += p[r1 + j] * aj;
        z2 += p[r2 + j] * aj;
        z3 += p[r3 + j] * aj;
      }
      a1[cur + i] = z0;
      a1[cur + i + 1] = z1;
      a1[cur + i + 2] = z2;
      a1[cur + i + 3] = z3;
    }
    for (; i < s1; i++) {
      int r = lw11 + i * s1;
      double z = p[b1 + i] + p[iw11 + i] * x;
      for (int j = 0; j < s1; j++) {
        z += p[r + j] * a1[prev + j];
      }
      a1[cur + i] = z;
    }
  }

  /**
   * {@inheritDoc} Per sequence: steps backwards computing dL/dz = dL/d(net input of a1) at each step and
   * {@code LW_11ᵀ dz} for the step before, and the output unit's gradients; then those of LW_11, IW_11 and
   * b_1 in one pass over time-major copies of dz and a1, each element summed over the steps in the same
   * order as step-by-step accumulation would (t descending). Terms through a1(0) = 0 are skipped: they are
   * zero.
   */
  @Override
  public void backward(double[] p, double[] dn2, double[] g) {
    for (int i = 0; i < s1; i++) {
      for (int j = 0; j < s1; j++) {
        lw11T[j * s1 + i] = p[lw11 + i * s1 + j];
      }
    }
    if (dzT.length < steps * s1) {
      dzT = new double[steps * s1];
      aT = new double[(steps + 1) * s1];
    }
    for (int b = 0; b < batch; b++) {
      int base = b * (steps + 1) * s1;
      int len = lengths[b];
      Arrays.fill(dhNext, 0.0);
      for (int t = len - 1; t >= 0; t--) {
        double d2 = dn2[b * steps + t];
        int cur = base + (t + 1) * s1;
        outputGradient(g, d2, a1, cur);
        for (int i = 0; i < s1; i++) {
          double h = a1[cur + i];
          double d = (d2 * p[lw21 + i] + dhNext[i]) * (1 - h * h);
          dz[i] = d;
          dzT[i * steps + t] = d;
        }
        if (t > 0) {
          backToPrevious();
        }
      }
      for (int t = 0; t <= len; t++) {
        for (int j = 0; j < s1; j++) {
          aT[j * (steps + 1) + t] = a1[base + t * s1 + j];
        }
      }
      vectorGradients(g, b, len);
      lw11Gradient(g, len);
    }
  }

  /** {@code dhNext = LW_11ᵀ dz}, each element summed over i ascending, eight or four at a time. */
  private void backToPrevious() {
    int j = 0;
    for (; j + 7 < s1; j += 8) {
      int c = j * s1;
      double e0 = 0;
      double e1 = 0;
      double e2 = 0;
      double e3 = 0;
      double e4 = 0;
      double e5 = 0;
      double e6 = 0;
      double e7 = 0;
      for (int i = 0; i < s1; i++) {
        double d = dz[i];
        int k = c + i;
        e0 += lw11T[k] * d;
        e1 += lw11T[k + s1] * d;
        e2 += lw11T[k + 2 * s1] * d;
        e3 += lw11T[k + 3 * s1] * d;
        e4 += lw11T[k + 4 * s1] * d;
        e5 += lw11T[k + 5 * s1] * d;
        e6 += lw11T[k + 6 * s1] * d;
        e7 += lw11T[k + 7 * s1] * d;
      }
      dhNext[j] = e0;
      dhNext[j + 1] = e1;
      dhNext[j + 2] = e2;
      dhNext[j + 3] = e3;
      dhNext[j + 4] = e4;
      dhNext[j + 5] = e5;
      dhNext[j + 6] = e6;
      dhNext[j + 7] = e7;
    }
    for (; j + 3 < s1; j += 4) {
      int c = j * s1;
      double e0 = 0;
      double e1 = 0;
      double e2 = 0;
      double e3 = 0;
      for (int i = 0; i < s1; i++) {
        double d = dz[i];
        int k = c + i;
        e0 += lw11T[k] * d;
        e1 += lw11T[k + s1] * d;
        e2 += lw11T[k + 2 * s1] * d;
        e3 += lw11T[k + 3 * s1] * d;
      }
      dhNext[j] = e0;
      dhNext[j + 1] = e1;
      dhNext[j + 2] = e2;
      dhNext[j + 3] = e3;
    }
    for (; j < s1; j++) {
      int c = j * s1;
      double e = 0;
      for (int i = 0; i < s1; i++) {
        e += lw11T[c + i] * dz[i];
      }
      dhNext[j] = e;
    }
  }

  /** Adds sequence {@code b}'s sums over t of {@code dz(t)} and {@code dz(t) x(t)}. */
  private void vectorGradients(double[] g, int b, int len) {
    int at0 = b * steps;
    for (int i = 0; i < s1; i++) {
      int di = i * steps;
      double gb = g[b1 + i];
      double gi = g[iw11 + i];
      for (int t = len - 1; t >= 0; t--) {
        double d = dzT[di + t];
        gb += d;
        gi += d * inputs[at0 + t];
      }
      g[b1 + i] = gb;
      g[iw11 + i] = gi;
    }
  }

  /**
   * Adds {@code sum over t = len-1..1 of dz(t) a1(t-1)ᵀ} to the LW_11 gradient: two rows by four columns
   * at a time, so that eight sums are in flight.
   */
  private void lw11Gradient(double[] g, int len) {
    int stride = steps + 1;
    int i = 0;
    for (; i + 1 < s1; i += 2) {
      int r0 = lw11 + i * s1;
      int r1 = r0 + s1;
      int d0i = i * steps;
      int d1i = d0i + steps;
      int j = 0;
      for (; j + 3 < s1; j += 4) {
        int a0j = j * stride;
        int a1j = a0j + stride;
        int a2j = a1j + stride;
        int a3j = a2j + stride;
        double g00 = g[r0 + j];
        double g01 = g[r0 + j + 1];
        double g02 = g[r0 + j + 2];
        double g03 = g[r0 + j + 3];
        double g10 = g[r1 + j];
        double g11 = g[r1 + j + 1];
        double g12 = g[r1 + j + 2];
        double g13 = g[r1 + j + 3];
        for (int t = len - 1; t > 0; t--) {
          double d0 = dzT[d0i + t];
          double d1 = dzT[d1i + t];
          double x0 = aT[a0j + t];
          double x1 = aT[a1j + t];
          double x2 = aT[a2j + t];
          double x3 = aT[a3j + t];
          g00 += d0 * x0;
          g01 += d0 * x1;
          g02 += d0 * x2;
          g03 += d0 * x3;
          g10 += d1 * x0;
          g11 += d1 * x1;
          g12 += d1 * x2;
          g13 += d1 * x3;
        }
        g[r0 + j] = g00;
        g[r0 + j + 1] = g01;
        g[r0 + j + 2] = g02;
        g[r0 + j + 3] = g03;
        g[r1 + j] = g10;
        g[r1 + j + 1] = g11;
        g[r1 + j + 2] = g12;
        g[r1 + j + 3] = g13;
      }
      for (; j < s1; j++) {
        lw11GradientElement(g, len, i, j);
        lw11GradientElement(g, len, i + 1, j);
      }
    }
    for (; i < s1; i++) {
      for (int j = 0; j < s1; j++) {
        lw11GradientElement(g, len, i, j);
      }
    }
  }

  private void lw11GradientElement(double[] g, int len, int i, int j) {
    int k = lw11 + i * s1 + j;
    int di = i * steps;
    int aj = j * (steps + 1);
    double gij = g[k];
    for (int t = len - 1; t > 0; t--) {
      gij += dzT[di + t] * aT[aj + t];
    }
    g[k] = gij;
  }
}
