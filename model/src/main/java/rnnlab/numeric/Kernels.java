package rnnlab.numeric;

/**
 * The blocked loops the recurrent cells share, over flat row-major arrays: a matrix-vector product added
 * onto a vector, and per-sequence gradient sums over time on time-major copies ({@code [rows][stride]},
 * step t of row i at {@code i * stride + t}). Every sum is taken in a fixed order, the one the javadoc
 * names, whatever the blocking; blocks keep four or eight independent sums in flight.
 */
final class Kernels {

  private Kernels() {}

  /**
   * {@code y[yOff + i] += sum over j of w[wOff + i*cols + j] * x[xOff + j]} for every row i, each row's
   * sum starting from its y and taken over j ascending; four rows at a time.
   *
   * @param y modified
   */
  static void addMatVec(double[] w, int wOff, int rows, int cols, double[] x, int xOff, double[] y,
      int yOff) {
    int i = 0;
    for (; i + 3 < rows; i += 4) {
      int r0 = wOff + i * cols;
      int r1 = r0 + cols;
      int r2 = r1 + cols;
      int r3 = r2 + cols;
      int k = yOff + i;
      double z0 = y[k];
      double z1 = y[k + 1];
      double z2 = y[k + 2];
      double z3 = y[k + 3];
      for (int j = 0; j < cols; j++) {
        double xj = x[xOff + j];
        z0 += w[r0 + j] * xj;
        z1 += w[r1 + j] * xj;
        z2 += w[r2 + j] * xj;
        z3 += w[r3 + j] * xj;
      }
      y[k] = z0;
      y[k + 1] = z1;
      y[k + 2] = z2;
      y[k + 3] = z3;
    }
    for (; i < rows; i++) {
      int r = wOff + i * cols;
      double z = y[yOff + i];
      for (int j = 0; j < cols; j++) {
        z += w[r + j] * x[xOff + j];
      }
      y[yOff + i] = z;
    }
  }

  /**
   * Writes the transpose of the {@code rows x cols} matrix at {@code w[wOff..]} to {@code wT}
   * ({@code cols x rows}).
   *
   * @param wT modified: its first rows·cols elements
   */
  static void transpose(double[] w, int wOff, int rows, int cols, double[] wT) {
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        wT[j * rows + i] = w[wOff + i * cols + j];
      }
    }
  }

  /**
   * Copies rows {@code 0..count)} of the row-major {@code [count][cols]} block at {@code a[from..]} to
   * {@code aT} time-major: row t, column j to {@code aT[j * stride + t]}.
   *
   * @param aT modified
   */
  static void toTimeMajor(double[] a, int from, int count, int cols, double[] aT, int stride) {
    for (int t = 0; t < count; t++) {
      int row = from + t * cols;
      for (int j = 0; j < cols; j++) {
        aT[j * stride + t] = a[row + j];
      }
    }
  }

  /**
   * {@code g[gOff + i*cols + j] += sum over t = len-1 down to 1 of dT[i*dStride + t] * aT[j*aStride + t]}:
   * a weight gradient summed over a sequence's steps, the step-0 terms left out (they multiply the zero
   * initial state). Two rows by four columns at a time, so that eight sums are in flight.
   *
   * @param g modified
   */
  static void addOuterOverTime(double[] g, int gOff, int rows, int cols, double[] dT, int dStride,
      double[] aT, int aStride, int len) {
    int i = 0;
    for (; i + 1 < rows; i += 2) {
      int r0 = gOff + i * cols;
      int r1 = r0 + cols;
      int d0i = i * dStride;
      int d1i = d0i + dStride;
      int j = 0;
      for (; j + 3 < cols; j += 4) {
        int a0j = j * aStride;
        int a1j = a0j + aStride;
        int a2j = a1j + aStride;
        int a3j = a2j + aStride;
        double g00 = g[r0 + j];
        double g01 = g[r0 + j + 1];
        double g02 = g[r0 + j + 2];
        double g03 = g[r0 + j + 3];
        double g10 = g[r1 + j];
        double g11 = g[r1 + j + 1];
        double g12 = g[r1 + j + 2];
        double g13 = g[r1 + j + 3];
        for (int t = len - 1; t > 0; t--) {
          double d0 = dT[d0i + t];
          double d1 = dT[d1i + t];
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
      for (; j < cols; j++) {
        g[r0 + j] = plusDot(g[r0 + j], dT, d0i, aT, j * aStride, len);
        g[r1 + j] = plusDot(g[r1 + j], dT, d1i, aT, j * aStride, len);
      }
    }
    for (; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        int k = gOff + i * cols + j;
        g[k] = plusDot(g[k], dT, i * dStride, aT, j * aStride, len);
      }
    }
  }

  private static double plusDot(double sum, double[] dT, int di, double[] aT, int aj, int len) {
    for (int t = len - 1; t > 0; t--) {
      sum += dT[di + t] * aT[aj + t];
    }
    return sum;
  }

  /**
   * {@code g[off + i] += sum over t = len-1 down to 0 of dT[i*stride + t]}: a bias gradient.
   *
   * @param g modified
   */
  static void addSumsOverTime(double[] g, int off, int rows, double[] dT, int stride, int len) {
    for (int i = 0; i < rows; i++) {
      int di = i * stride;
      double s = g[off + i];
      for (int t = len - 1; t >= 0; t--) {
        s += dT[di + t];
      }
      g[off + i] = s;
    }
  }

  /**
   * {@code g[off + i] += sum over t = len-1 down to 0 of dT[i*stride + t] * x[xOff + t]}: an input-weight
   * gradient, x the sequence's inputs.
   *
   * @param g modified
   */
  static void addDotsOverTime(double[] g, int off, int rows, double[] dT, int stride, double[] x, int xOff,
      int len) {
    for (int i = 0; i < rows; i++) {
      int di = i * stride;
      double s = g[off + i];
      for (int t = len - 1; t >= 0; t--) {
        s += dT[di + t] * x[xOff + t];
      }
      g[off + i] = s;
    }
  }
}
