package rnnlab.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastTanhTest {

  @Test
  void within2UlpOfMathTanhOverEveryRange() {
    SplittableRandom rng = new SplittableRandom(9);
    for (double scale : new double[] {1e-9, 1e-3, 0.1, 0.6, 1, 3, 10, 30}) {
      for (int i = 0; i < 5_000; i++) {
        double x = rng.nextGaussian() * scale;
        double want = Math.tanh(x);
        double ulps = Math.abs(FastTanh.tanh(x) - want) / Math.ulp(want);
        assertTrue(ulps <= 2, "x=" + x + ": " + FastTanh.tanh(x) + " vs " + want);
      }
    }
  }

  @Test
  void edgesAndSpecialValues() {
    assertEquals(0.0, FastTanh.tanh(0.0));
    assertEquals(Math.tanh(0.625), FastTanh.tanh(0.625), 2 * Math.ulp(0.55));
    assertEquals(Math.tanh(-0.624999), FastTanh.tanh(-0.624999), 2 * Math.ulp(0.55));
    assertEquals(1.0, FastTanh.tanh(19.2));
    assertEquals(-1.0, FastTanh.tanh(Double.NEGATIVE_INFINITY));
    assertEquals(1.0, FastTanh.tanh(1e300));
    assertTrue(Double.isNaN(FastTanh.tanh(Double.NaN)));
  }
}
