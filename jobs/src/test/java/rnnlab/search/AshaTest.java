package rnnlab.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AshaTest {

  @Test
  void rungsSitAtMinEpochsTimesEtaToTheKUpToTheRunsEpochs() {
    assertArrayEquals(new int[] {2, 6, 18, 30}, Asha.rungs(2, 3, 30));
    assertArrayEquals(new int[] {1, 4, 16, 30}, Asha.rungs(1, 4, 30));
    assertArrayEquals(new int[] {1, 2, 4, 8}, Asha.rungs(1, 2, 8));
    assertArrayEquals(new int[] {3, 9, 10}, Asha.rungs(3, 3, 10));
    assertArrayEquals(new int[] {5}, Asha.rungs(5, 3, 5));
    assertThrows(IllegalArgumentException.class, () -> Asha.rungs(6, 3, 5));
    assertThrows(IllegalArgumentException.class, () -> Asha.rungs(1, 1, 5));
    assertThrows(IllegalArgumentException.class, () -> Asha.rungs(0, 3, 5));
  }

  /** The paper's rule: promote a run once it is in the top ⌊n/η⌋ of the n runs reported at its rung. */
  @Test
  void aRunIsPromotedOnceInTheTopFloorNOverEtaWithoutWaitingForTheRungToFill() {
    Asha asha = new Asha(1, 3, 9, true);
    asha.report("a", 0, 0.5);
    assertEquals(Optional.empty(), asha.promote(), "1 run: top ⌊1/3⌋ = 0");
    asha.report("b", 0, 0.9);
    asha.report("c", 0, 0.7);
    assertEquals(Optional.of(new Asha.Promotion("b", 0, 1, 1, 3)), asha.promote(), "3 runs: top 1 is b");
    assertEquals(Optional.empty(), asha.promote(), "b is promoted already");
    asha.report("d", 0, 0.95);
    assertEquals("d", asha.promote().orElseThrow().runId(), "4 runs: top 1 is now d");
    asha.report("e", 0, 0.1);
    asha.report("f", 0, 0.2);
    assertEquals(Optional.empty(), asha.promote(), "6 runs: top 2 are d and b, both promoted");
    asha.report("g", 0, 0.6);
    assertEquals(Optional.empty(), asha.promote(), "7 runs: top 2 still d and b");
    asha.report("h", 0, 0.99);
    asha.report("i", 0, 0.98);
    assertEquals("h", asha.promote().orElseThrow().runId(), "9 runs: top 3 are h, i, d");
    asha.report("b", 1, 0.8);
    asha.report("d", 1, 0.96);
    asha.report("h", 1, 0.97);
    // i (rung 0) is promotable too, but the highest rung comes first
    assertEquals(Optional.of(new Asha.Promotion("h", 1, 2, 3, 9)), asha.promote());
    assertEquals("i", asha.promote().orElseThrow().runId());
    assertEquals(Optional.empty(), asha.promote());
    asha.report("h", 2, 0.99);
    assertEquals(List.of("h"), asha.finished());
    assertEquals(List.of("a", "c", "e", "f", "g", "b", "d"), asha.stopped());
    assertArrayEquals(new int[] {9, 3, 1}, asha.reportedPerRung());
    assertEquals(2, asha.rungOf("h"));
    assertEquals(0, asha.rungOf("i"));
    assertEquals(-1, asha.rungOf("z"));
  }

  @Test
  void aMinimisedMetricPromotesTheLowestAndNanRanksLastTiesByReportOrder() {
    Asha loss = new Asha(1, 2, 4, false);
    loss.report("x", 0, Double.NaN);
    loss.report("y", 0, 0.3);
    assertEquals("y", loss.promote().orElseThrow().runId());
    Asha ties = new Asha(1, 2, 4, true);
    ties.report("p", 0, Double.NaN);
    ties.report("q", 0, 0.5);
    ties.report("r", 0, 0.5);
    ties.report("s", 0, Double.NaN);
    assertEquals("q", ties.promote().orElseThrow().runId());
    assertEquals("r", ties.promote().orElseThrow().runId());
    assertEquals(Optional.empty(), ties.promote(), "NaN runs are never in the top half here");
  }

  @Test
  void reportsMustFollowPromotions() {
    Asha asha = new Asha(1, 2, 4, true);
    assertThrows(IllegalStateException.class, () -> asha.report("a", 1, 0.5));
    asha.report("a", 0, 0.5);
    assertThrows(IllegalStateException.class, () -> asha.report("a", 0, 0.5));
    assertThrows(IllegalStateException.class, () -> asha.report("a", 1, 0.5));
  }

  /**
   * A driver with two cores over 81 runs whose metric at every rung is their hidden quality: the best run
   * reaches the last rung, and far fewer epochs are trained than the 81 x 30 of training every run.
   */
  @Test
  void asynchronousDriverFindsTheBestRunWithAThirdOfTheEpochs() {
    SplittableRandom rng = new SplittableRandom(5);
    Map<String, Double> quality = new HashMap<>();
    Asha asha = new Asha(2, 3, 30, true);
    int[] rungs = asha.rungs();
    Deque<Object[]> inFlight = new ArrayDeque<>();
    int started = 0;
    long epochs = 0;
    while (true) {
      while (inFlight.size() < 2) {
        Optional<Asha.Promotion> p = asha.promote();
        if (p.isPresent()) {
          inFlight.add(new Object[] {p.get().runId(), p.get().toRung()});
          epochs += p.get().toEpochs() - p.get().fromEpochs();
        } else if (started < 81) {
          String id = "run" + started++;
          quality.put(id, rng.nextDouble());
          inFlight.add(new Object[] {id, 0});
          epochs += rungs[0];
        } else {
          break;
        }
      }
      if (inFlight.isEmpty()) {
        break;
      }
      Object[] done = inFlight.poll();
      asha.report((String) done[0], (Integer) done[1], quality.get((String) done[0]));
    }
    String best = quality.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertTrue(asha.finished().contains(best), "best " + best + " finished: " + asha.finished());
    assertTrue(epochs * 3 <= 81 * 30, "epochs trained " + epochs + " of " + 81 * 30);
    assertEquals(81, asha.stopped().size() + asha.finished().size());
  }
}
