package rnnlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rnnlab.spec.CellType;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;

class CellLearningTest {

  /** The lab's per-sequence SGD (lr 0.1, per-tensor clipping at 5), scaled down: 200 sequences, S1 = 8. */
  @ParameterizedTest
  @EnumSource(CellType.class)
  void everyCellLearnsWindowThreePerSequence(CellType cell) {
    RunResult r = Trainer.train(RunSpec.LAB.with(Map.of("cell", cell, "samples", 200, "hidden", 8,
        "epochs", 15, "test_samples", 200)), ProgressListener.NONE).result();
    assertEquals(RunState.OK, r.state(), r.message());
    assertEquals(1.0, r.testAccuracy(), "held-out accuracy");
    assertTrue(r.longAccuracy() >= 0.99, "accuracy at 5x the length " + r.longAccuracy());
    assertEquals(22, r.probeCorrect(), "probe");
  }

  /** Minibatches of sequences of lengths 4..10 (padded and masked), Adam. */
  @ParameterizedTest
  @EnumSource(CellType.class)
  void everyCellLearnsWindowThreeFromPaddedMinibatches(CellType cell) {
    RunResult r = Trainer.train(RunSpec.LAB.with(Map.of("cell", cell, "mode", "minibatch", "optimizer",
        "adam", "lr", 0.03, "batch_size", 8, "samples", 300, "length_min", 4, "hidden", 8, "epochs", 20,
        "test_samples", 200)), ProgressListener.NONE).result();
    assertEquals(RunState.OK, r.state(), r.message());
    assertTrue(r.testAccuracy() >= 0.99, "held-out accuracy " + r.testAccuracy());
    assertTrue(r.longAccuracy() >= 0.99, "accuracy at 5x the length " + r.longAccuracy());
  }
}
