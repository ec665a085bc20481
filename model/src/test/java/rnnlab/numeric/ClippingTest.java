package rnnlab.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rnnlab.spec.ClipMode;

class ClippingTest {

  /** Two tensors: A = elements 0..1, B = element 2. */
  private static final List<ParamTensor> TENSORS =
      List.of(new ParamTensor("A", 2, 1, 0), new ParamTensor("B", 1, 1, 2));

  @Test
  void perTensorRescalesOnlyTensorsAboveTheLimit() {
    double[] g = {3, 4, 12};
    assertEquals(13.0, Clipping.apply(ClipMode.PER_TENSOR, 5, g, TENSORS), 1e-15);
    assertArrayEquals(new double[] {3, 4, 5}, g, 1e-15); // |A| = 5 is not above 5; |B| = 12 -> 5

    double[] h = {6, 8, -1};
    assertEquals(Math.sqrt(101), Clipping.apply(ClipMode.PER_TENSOR, 5, h, TENSORS), 1e-15);
    assertArrayEquals(new double[] {3, 4, -1}, h, 1e-15);
  }

  @Test
  void globalRescalesEverythingByLimitOverNormPlusEpsilon() {
    double[] g = {3, 4, 12};
    assertEquals(13.0, Clipping.apply(ClipMode.GLOBAL, 6.5, g, TENSORS), 1e-15);
    double c = 6.5 / (13 + 1e-6);
    assertArrayEquals(new double[] {3 * c, 4 * c, 12 * c}, g, 1e-15);

    double[] small = {0.3, 0.4, 1.2};
    Clipping.apply(ClipMode.GLOBAL, 6.5, small, TENSORS);
    assertArrayEquals(new double[] {0.3, 0.4, 1.2}, small, 0.0);
  }

  @Test
  void noneLeavesTheGradientAndReportsItsNorm() {
    double[] g = {300, 400, 1200};
    assertEquals(1300.0, Clipping.apply(ClipMode.NONE, 5, g, TENSORS), 1e-12);
    assertArrayEquals(new double[] {300, 400, 1200}, g, 0.0);
  }

  @Test
  void sumOfSquaresTakesFourInterleavedSumsInAFixedOrder() {
    SplittableRandom rng = new SplittableRandom(4);
    for (int n = 0; n <= 11; n++) {
      double[] a = new double[n + 3];
      for (int i = 0; i < a.length; i++) {
        a[i] = rng.nextGaussian() * Math.pow(10, rng.nextInt(-8, 8));
      }
      double[] s = new double[4];
      double plain = 0;
      for (int i = 0; i < n; i++) {
        double sq = a[2 + i] * a[2 + i];
        s[i < n - n % 4 ? i % 4 : 0] += sq;
        plain += sq;
      }
      assertEquals((s[0] + s[1]) + (s[2] + s[3]), Clipping.sumOfSquares(a, 2, 2 + n), 0.0, "n = " + n);
      assertEquals(plain, Clipping.sumOfSquares(a, 2, 2 + n), 1e-15 * plain, "n = " + n);
    }
  }
}
