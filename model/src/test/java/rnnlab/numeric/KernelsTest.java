package rnnlab.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The blocked kernels against plain loops that sum in the order the javadoc names, on every shape up to
 * 9 x 9 (so every blocking remainder is hit): results must be equal to the bit.
 */
class KernelsTest {

  private static double[] random(SplittableRandom rng, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextGaussian();
    }
    return a;
  }

  @Test
  void addMatVecSumsEachRowFromItsStartValueInColumnOrder() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int rows = 1; rows <= 9; rows++) {
      for (int cols = 1; cols <= 9; cols++) {
        double[] w = random(rng, 3 + rows * cols);
        double[] x = random(rng, 2 + cols);
        double[] y = random(rng, 1 + rows);
        double[] want = y.clone();
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            want[1 + i] += w[3 + i * cols + j] * x[2 + j];
          }
        }
        Kernels.addMatVec(w, 3, rows, cols, x, 2, y, 1);
        assertArrayEquals(want, y, rows + " x " + cols);
      }
    }
  }

  @Test
  void sumsOverTimeAddStepsBackwardsAndOuterSkipsStepZero() {
    SplittableRandom rng = new SplittableRandom(2);
    for (int rows = 1; rows <= 9; rows++) {
      for (int cols = 1; cols <= 9; cols++) {
        int stride = 6;
        int len = 1 + (rows + cols) % stride;
        double[] dT = random(rng, rows * stride);
        double[] a = random(rng, len * cols);
        double[] aT = new double[cols * stride];
        Kernels.toTimeMajor(a, 0, len, cols, aT, stride);
        double[] x = random(rng, 1 + len);
        double[] g = random(rng, 2 + rows * cols);
        double[] want = g.clone();
        double[] sums = random(rng, rows);
        double[] wantSums = sums.clone();
        double[] dots = random(rng, rows);
        double[] wantDots = dots.clone();
        for (int t = len - 1; t >= 0; t--) {
          for (int i = 0; i < rows; i++) {
            double d = dT[i * stride + t];
            wantSums[i] += d;
            wantDots[i] += d * x[1 + t];
            for (int j = 0; j < cols && t > 0; j++) {
              want[2 + i * cols + j] += d * a[t * cols + j];
            }
          }
        }
        Kernels.addOuterOverTime(g, 2, rows, cols, dT, stride, aT, stride, len);
        Kernels.addSumsOverTime(sums, 0, rows, dT, stride, len);
        Kernels.addDotsOverTime(dots, 0, rows, dT, stride, x, 1, len);
        String shape = rows + " x " + cols + ", len " + len;
        assertArrayEquals(want, g, "outer " + shape);
        assertArrayEquals(wantSums, sums, "sums " + shape);
        assertArrayEquals(wantDots, dots, "dots " + shape);
      }
    }
  }

  @Test
  void transposeSwapsRowsAndColumns() {
    double[] w = {9, 1, 2, 3, 4, 5, 6};
    double[] wT = new double[6];
    Kernels.transpose(w, 1, 2, 3, wT);
    assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, wT);
  }
}
