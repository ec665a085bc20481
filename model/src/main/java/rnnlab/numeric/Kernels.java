package rnnlab.numeric;

/**
 * The one matrix loop the recurrent cells share, over matrices held as arrays of rows (each row its own
 * {@code double[]} starting at index 0): {@code C += X Y}, a sum of scaled rows of Y added onto each row
 * of C. Every element's sum is taken term by term in the order the javadoc names, whatever the blocking,
 * so that results do not depend on it.
 *
 * <p>Why rows and this loop order: the innermost loop runs along a row of C and rows of Y with no
 * reduction, which HotSpot's C2 compiles to SIMD instructions; it does so only when each row starts at
 * index 0 of its own array (measured on JDK 17: a loop over {@code c[c0 + j]} with an offset stays scalar at
 * 3.7 GFLOP/s; this kernel runs at about 30 GFLOP/s on rows of 100 to 400). Each pass of the inner loop adds
 * two terms to three rows of C, so that every row of Y loaded serves three rows of C and every row of C is
 * loaded and stored once per two terms; a single row gets four terms per pass. Larger bodies (two rows by
 * four terms, one row by eight) are no faster with 256-bit vectors and are left scalar by C2 when it uses
 * 512-bit vectors, its default on AVX-512 machines such as this one (11 against 31 GFLOP/s).
 */
final class Kernels {

  /** Columns of a tile: with {@link #TILE_TERMS} rows of Y, 512 KiB, which stays in a core's L2 cache. */
  static final int TILE_COLUMNS = 512;
  /** Terms (rows of Y) of a tile. */
  static final int TILE_TERMS = 128;

  private Kernels() {}

  /**
   * {@code c[i][j] += sum over k = 0 .. kc-1 of x[i][k] * y[k][j]} for {@code i < m}, {@code j < n}: each
   * element summed onto its start value term by term in ascending k, as
   * {@code ((c + x0 y0) + x1 y1) + ...}. Rows of c may be longer than n, rows of x longer than kc.
   *
   * @param c modified: elements {@code [0, n)} of rows {@code [0, m)}
   */
  static void addProducts(double[][] c, double[][] x, int m, double[][] y, int kc, int n) {
    for (int j0 = 0; j0 < n; j0 += TILE_COLUMNS) {
      int j1 = Math.min(n, j0 + TILE_COLUMNS);
      for (int k0 = 0; k0 < kc; k0 += TILE_TERMS) {
        addTile(c, x, m, y, k0, Math.min(kc, k0 + TILE_TERMS), j0, j1);
      }
    }
  }

  /** {@link #addProducts} restricted to terms {@code [k0, k1)} and columns {@code [j0, j1)}. */
  private static void addTile(double[][] c, double[][] x, int m, double[][] y, int k0, int k1, int j0,
      int j1) {
    int i = 0;
    for (; i + 2 < m; i += 3) {
      double[] c0 = c[i];
      double[] c1 = c[i + 1];
      double[] c2 = c[i + 2];
      double[] x0 = x[i];
      double[] x1 = x[i + 1];
      double[] x2 = x[i + 2];
      int k = k0;
      for (; k + 1 < k1; k += 2) {
        double[] y0 = y[k];
        double[] y1 = y[k + 1];
        double a0 = x0[k];
        double a1 = x0[k + 1];
        double b0 = x1[k];
        double b1 = x1[k + 1];
        double d0 = x2[k];
        double d1 = x2[k + 1];
        for (int j = j0; j < j1; j++) {
          double w0 = y0[j];
          double w1 = y1[j];
          c0[j] = c0[j] + a0 * w0 + a1 * w1;
          c1[j] = c1[j] + b0 * w0 + b1 * w1;
          c2[j] = c2[j] + d0 * w0 + d1 * w1;
        }
      }
      if (k < k1) {
        double[] y0 = y[k];
        double a0 = x0[k];
        double b0 = x1[k];
        double d0 = x2[k];
        for (int j = j0; j < j1; j++) {
          double w0 = y0[j];
          c0[j] = c0[j] + a0 * w0;
          c1[j] = c1[j] + b0 * w0;
          c2[j] = c2[j] + d0 * w0;
        }
      }
    }
    for (; i < m; i++) {
      addTileToRow(c[i], x[i], y, k0, k1, j0, j1);
    }
  }

  /** {@link #addTile} for one row: {@code c[j] += sum over k of x[k] * y[k][j]}, k ascending. */
  private static void addTileToRow(double[] c, double[] x, double[][] y, int k0, int k1, int j0, int j1) {
    int k = k0;
    for (; k + 3 < k1; k += 4) {
      double[] y0 = y[k];
      double[] y1 = y[k + 1];
      double[] y2 = y[k + 2];
      double[] y3 = y[k + 3];
      double a0 = x[k];
      double a1 = x[k + 1];
      double a2 = x[k + 2];
      double a3 = x[k + 3];
      for (int j = j0; j < j1; j++) {
        c[j] = c[j] + a0 * y0[j] + a1 * y1[j] + a2 * y2[j] + a3 * y3[j];
      }
    }
    for (; k < k1; k++) {
      double[] y0 = y[k];
      double a0 = x[k];
      for (int j = j0; j < j1; j++) {
        c[j] = c[j] + a0 * y0[j];
      }
    }
  }
}
