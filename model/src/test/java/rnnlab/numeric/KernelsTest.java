package rnnlab.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The blocked kernel against a plain loop that sums in the order its javadoc names, on every shape up to
 * 7 x 9 x 11 (so every blocking remainder is hit) and on one shape of several tiles, with rows longer than
 * the part used: results must be equal to the bit, and elements past the used part untouched.
 */
class KernelsTest {

  private static double[][] random(SplittableRandom rng, int rows, int cols) {
    double[][] a = new double[rows][cols];
    for (double[] row : a) {
      for (int j = 0; j < cols; j++) {
        row[j] = rng.nextGaussian();
      }
    }
    return a;
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  @Test
  void addProductsSumsEachElementFromItsStartValueInTermOrder() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int m = 0; m <= 7; m++) {
      for (int kc = 0; kc <= 9; kc++) {
        for (int n = 1; n <= 11; n++) {
          double[][] c = random(rng, m + 1, n + 2);
          double[][] x = random(rng, m + 1, kc + 1);
          double[][] y = random(rng, kc + 1, n + 1);
          double[][] want = copy(c);
          for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
              for (int k = 0; k < kc; k++) {
                want[i][j] += x[i][k] * y[k][j];
              }
            }
          }
          Kernels.addProducts(c, x, m, y, kc, n);
          for (int i = 0; i <= m; i++) {
            assertArrayEquals(want[i], c[i], "row " + i + " of " + m + " x " + kc + " x " + n);
          }
        }
      }
    }
  }

  @Test
  void addProductsOverSeveralTilesKeepsTheTermOrder() {
    SplittableRandom rng = new SplittableRandom(3);
    int m = 4;
    int kc = 2 * Kernels.TILE_TERMS + 3;
    int n = 2 * Kernels.TILE_COLUMNS + 5;
    double[][] c = random(rng, m, n);
    double[][] x = random(rng, m, kc);
    double[][] y = random(rng, kc, n);
    double[][] want = copy(c);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < kc; k++) {
          want[i][j] += x[i][k] * y[k][j];
        }
      }
    }
    Kernels.addProducts(c, x, m, y, kc, n);
    for (int i = 0; i < m; i++) {
      assertArrayEquals(want[i], c[i], "row " + i);
    }
  }

  @Test
  void addProductsOnHandComputedValues() {
    double[][] c = {{1, 2, 99}, {3, 4, 99}, {5, 6, 99}};
    double[][] x = {{1, 2}, {0, 1}, {-1, 0.5}};
    double[][] y = {{10, 20}, {100, 200}};
    Kernels.addProducts(c, x, 3, y, 2, 2);
    assertArrayEquals(new double[] {211, 422, 99}, c[0]);
    assertArrayEquals(new double[] {103, 204, 99}, c[1]);
    assertArrayEquals(new double[] {45, 86, 99}, c[2]);
    assertEquals(99, c[2][2]);
  }
}
