package rnnlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;

class LabRunTest {

  @Test
  void labTestRunLearnsWindowThreeAndTheProbe() {
    RunResult r = Trainer.train(RunSpec.LAB, ProgressListener.NONE).result();
    assertEquals(RunState.OK, r.state());
    assertEquals(10, r.lossCurve().length);
    assertTrue(r.finalLoss() < 1e-3, "final loss " + r.finalLoss());
    assertEquals(22, r.probeCorrect());
    assertEquals(1.0, r.testAccuracy());
    assertEquals(1.0, r.longAccuracy());
  }
}
