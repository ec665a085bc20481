package rnnlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.spec.TrainingMode;

class TrainerTest {

  /** A small run: 60 sequences of length 6, S1 = 5, 4 epochs. */
  private static final RunSpec SMALL = RunSpec.LAB.with(Map.of("samples", 60, "length", 6, "hidden", 5,
      "epochs", 4, "test_samples", 20, "batch_size", 8));

  @ParameterizedTest
  @EnumSource(TrainingMode.class)
  void sameSpecTwiceGivesIdenticalCurvesAndWeights(TrainingMode mode) {
    RunSpec spec = SMALL.with(Map.of("mode", mode, "length_min", 3));
    Trained a = Trainer.train(spec, ProgressListener.NONE);
    Trained b = Trainer.train(spec, ProgressListener.NONE);
    assertEquals(RunState.OK, a.result().state());
    assertArrayEquals(a.result().lossCurve(), b.result().lossCurve(), 0.0);
    assertArrayEquals(a.result().gradNormCurve(), b.result().gradNormCurve(), 0.0);
    assertArrayEquals(a.result().probeOutputs(), b.result().probeOutputs(), 0.0);
    assertEquals(a.weights(), b.weights());
    assertEquals(a.result().testAccuracy(), b.result().testAccuracy());

    Trained other = Trainer.train(spec.with("seed", 1L), ProgressListener.NONE);
    assertFalse(java.util.Arrays.equals(a.result().lossCurve(), other.result().lossCurve()));
  }

  @Test
  void hugeStepWithoutClippingDivergesAndKeepsTheCurveSoFar() {
    RunSpec spec = SMALL.with(Map.of("lr", 1e308, "clip", "none", "epochs", 50));
    List<Integer> epochsSeen = new ArrayList<>();
    Trained t = Trainer.train(spec, (epoch, epochs, stats, ms) -> epochsSeen.add(epoch));
    RunResult r = t.result();
    assertEquals(RunState.DIVERGED, r.state());
    assertTrue(r.epochsRun() < 50, "stopped after " + r.epochsRun());
    assertEquals(r.epochsRun(), r.lossCurve().length);
    assertEquals(r.epochsRun(), epochsSeen.size());
    assertFalse(Double.isFinite(r.finalLoss()));
    for (int e = 0; e < r.lossCurve().length - 1; e++) {
      assertTrue(Double.isFinite(r.lossCurve()[e]), "epoch " + (e + 1));
    }
    assertTrue(r.message().contains("epoch " + r.epochsRun()), r.message());
  }

  @Test
  void trainerRunNeverThrowsAndReportsFailure() {
    RunResult r = Trainer.run(SMALL.with("data", "/nonexistent/rnnlab/data"));
    assertEquals(RunState.FAILED, r.state());
    assertTrue(r.message().contains("/nonexistent/rnnlab/data"), r.message());
  }

  @Test
  void heldOutSetsComeFromTheirOwnStream() {
    Datasets a = Datasets.of(SMALL, RunSeeds.of(SMALL.seed()));
    Datasets b = Datasets.of(SMALL.with("samples", 90), RunSeeds.of(SMALL.seed()));
    assertArrayEquals(a.test().inputs(), b.test().inputs(), "more training data leaves held-out alone");
    assertArrayEquals(a.longTest().inputs(), b.longTest().inputs());
    assertEquals(6 * RunSpec.LONG_FACTOR, a.longTest().maxLength());
    assertEquals(20, a.test().count());
    double[] firstTrain = java.util.Arrays.copyOf(a.train().inputs(), 120);
    double[] firstTest = java.util.Arrays.copyOf(a.test().inputs(), 120);
    assertFalse(java.util.Arrays.equals(firstTrain, firstTest), "held-out differs from training data");
    Datasets c = Datasets.of(SMALL, RunSeeds.of(SMALL.seed() + 1));
    assertNotEquals(a.test().inputs()[0] + "" + java.util.Arrays.hashCode(a.test().inputs()),
        c.test().inputs()[0] + "" + java.util.Arrays.hashCode(c.test().inputs()));
  }
}
