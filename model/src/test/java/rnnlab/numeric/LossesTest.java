package rnnlab.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LossesTest {

  @Test
  void sigmoidAtExtremesIsFiniteAndSaturates() {
    assertEquals(1.0, Losses.sigmoid(1000));
    assertEquals(1.0, Losses.sigmoid(500));
    // clipped to -500: exp(-500) / (1 + exp(-500)), tiny but not 0
    assertEquals(Math.exp(-500), Losses.sigmoid(-1000), 1e-230);
    assertEquals(Losses.sigmoid(-500), Losses.sigmoid(-1000));
    assertTrue(Losses.sigmoid(-1000) > 0);
    assertEquals(Losses.sigmoid(-500), Losses.sigmoid(Double.NEGATIVE_INFINITY));
  }

  @Test
  void sigmoidHandComputedAndSymmetric() {
    assertEquals(0.5, Losses.sigmoid(0));
    assertEquals(1 / (1 + Math.exp(-2)), Losses.sigmoid(2), 1e-16);
    for (double n : new double[] {0.3, 4, 17, 40, 300}) {
      assertEquals(1.0, Losses.sigmoid(n) + Losses.sigmoid(-n), 1e-15, "n=" + n);
    }
  }

  @Test
  void bceAtZeroAndOneIsFiniteWithTheLabsEpsilon() {
    double worst = -Math.log(Losses.BCE_EPSILON);
    assertEquals(worst, Losses.bce(0, 1), 1e-12);
    assertEquals(worst, Losses.bce(1, 0), 1e-12);
    // right answers cost -log(1 + eps): a hair below zero, as the lab's formula gives
    assertEquals(-Math.log1p(Losses.BCE_EPSILON), Losses.bce(1, 1), 1e-15);
    assertEquals(-Math.log1p(Losses.BCE_EPSILON), Losses.bce(0, 0), 1e-15);
    assertEquals(worst, Losses.bce(Losses.sigmoid(-1000), 1), 1e-9);
    assertEquals(worst, Losses.bce(Losses.sigmoid(1000), 0), 1e-9);
  }

  @Test
  void bceHandComputed() {
    assertEquals(-Math.log(0.5 + 1e-7), Losses.bce(0.5, 1), 1e-15);
    assertEquals(-Math.log(0.2 + 1e-7), Losses.bce(0.8, 0), 1e-15);
    assertEquals(-(0.3 * Math.log(0.6 + 1e-7) + 0.7 * Math.log(0.4 + 1e-7)), Losses.bce(0.6, 0.3), 1e-15);
  }

  @Test
  void torchBceIsPyTorchsBceLossWithoutEpsilon() {
    assertEquals(Math.log(2), Losses.torchBce(0.5, 1), 1e-15);
    assertEquals(-Math.log(0.2), Losses.torchBce(0.8, 0), 1e-15);
    assertEquals(-(0.3 * Math.log(0.6) + 0.7 * Math.log(0.4)), Losses.torchBce(0.6, 0.3), 1e-15);
    assertEquals(0.0, Losses.torchBce(1, 1), 0.0);
    assertEquals(0.0, Losses.torchBce(0, 0), 0.0);
    // a saturated wrong output costs what nn.BCELoss's clamp allows: 100, never infinity
    assertEquals(100.0, Losses.torchBce(0, 1), 0.0);
    assertEquals(100.0, Losses.torchBce(1, 0), 0.0);
    // at chance the two forms differ by about epsilon / a: the 2.9e-7 relative of issue #20
    double relative = (Losses.bce(0.5, 1) - Losses.torchBce(0.5, 1)) / Losses.torchBce(0.5, 1);
    assertEquals(-2.0e-7 / Math.log(2), relative, 1e-13);
  }
}
