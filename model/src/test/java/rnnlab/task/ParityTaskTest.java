package rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rnnlab.spec.SequenceSet;

class ParityTaskTest {

  /** The lab's loop: count the ones in p(max(0, t-window+1)) .. p(t) afresh at every step. */
  private static double[] recount(double[] p, int from, int len, int window) {
    double[] y = new double[len];
    for (int t = 0; t < len; t++) {
      int ones = 0;
      for (int k = Math.max(0, t - window + 1); k <= t; k++) {
        ones += (int) p[from + k];
      }
      y[t] = ones % 2 == 0 ? 1 : 0;
    }
    return y;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void generatedTargetsMatchAPlainRecount(int window) {
    for (int length : new int[] {1, 2, window, 3 * window + 1}) {
      SequenceSet s = ParityTask.generate(40, length, length, window, new SplittableRandom(window * 31L));
      for (int n = 0; n < s.count(); n++) {
        assertArrayEquals(recount(s.inputs(), n * length, length, window), s.targetsOf(n),
            "window " + window + ", length " + length + ", sequence " + n);
      }
    }
  }

  @Test
  void variableLengthsStayInRangeAndPaddingIsZero() {
    SequenceSet s = ParityTask.generate(200, 2, 9, 3, new SplittableRandom(5));
    Set<Integer> seen = new HashSet<>();
    for (int n = 0; n < s.count(); n++) {
      int len = s.lengths()[n];
      seen.add(len);
      assertTrue(len >= 2 && len <= 9, "length " + len);
      assertArrayEquals(recount(s.inputs(), n * 9, len, 3), s.targetsOf(n));
      for (int t = len; t < 9; t++) {
        assertEquals(0.0, s.inputs()[n * 9 + t]);
        assertEquals(0.0, s.targets()[n * 9 + t]);
      }
    }
    assertEquals(8, seen.size(), "every length 2..9 drawn");
    assertFalse(s.uniformLength());
  }

  @Test
  void inputsAreBitsOfBothKinds() {
    SequenceSet s = ParityTask.generate(100, 10, 10, 3, new SplittableRandom(1));
    double ones = 0;
    for (double v : s.inputs()) {
      assertTrue(v == 0 || v == 1);
      ones += v;
    }
    assertTrue(ones > 400 && ones < 600, "ones " + ones + " of 1000");
  }

  @Test
  void sameSeedSameSetOtherSeedOtherSet() {
    SequenceSet a = ParityTask.generate(50, 3, 12, 4, new SplittableRandom(77));
    SequenceSet b = ParityTask.generate(50, 3, 12, 4, new SplittableRandom(77));
    SequenceSet c = ParityTask.generate(50, 3, 12, 4, new SplittableRandom(78));
    assertArrayEquals(a.inputs(), b.inputs());
    assertArrayEquals(a.targets(), b.targets());
    assertArrayEquals(a.lengths(), b.lengths());
    assertFalse(java.util.Arrays.equals(a.inputs(), c.inputs()));
  }

  @Test
  void probeHasTheLabsWindowThreeTargets() {
    SequenceSet probe = ParityTask.probe(3);
    assertArrayEquals(ParityTask.PROBE, probe.inputsOf(0));
    assertArrayEquals(new double[] {0, 0, 1, 1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1},
        probe.targetsOf(0));
  }

  @Test
  void rejectsBadSizes() {
    SplittableRandom rng = new SplittableRandom(0);
    assertThrows(IllegalArgumentException.class, () -> ParityTask.generate(0, 5, 5, 3, rng));
    assertThrows(IllegalArgumentException.class, () -> ParityTask.generate(5, 0, 5, 3, rng));
    assertThrows(IllegalArgumentException.class, () -> ParityTask.generate(5, 6, 5, 3, rng));
    assertThrows(IllegalArgumentException.class, () -> ParityTask.targets(new double[] {1}, 0));
  }
}
