package rnnlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rnnlab.spec.CellType;
import rnnlab.spec.Engine;
import rnnlab.spec.ModelState;
import rnnlab.spec.OptimizerState;
import rnnlab.spec.OptimizerType;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.spec.TrainingMode;

/**
 * A run stopped after an epoch and continued from its checkpoint (through its bytes, as a store keeps it)
 * gives exactly the numbers of the same run trained without stopping: for every cell, optimizer and mode,
 * in both engines where they apply.
 */
class ResumeTest {

  /** Ragged sequences, so that minibatches are padded and reshuffled every epoch. */
  private static RunSpec spec(Engine engine, CellType cell, OptimizerType optimizer, TrainingMode mode,
      int epochs) {
    Map<String, Object> keys = new HashMap<>(Map.of("engine", engine, "cell", cell, "optimizer", optimizer,
        "mode", mode, "hidden", 3, "samples", 12, "length", 6, "length_min", 3, "epochs", epochs,
        "test_samples", 8));
    keys.put("batch_size", 4);
    keys.put("lr", 0.05);
    return RunSpec.of(keys);
  }

  static Stream<Arguments> numeric() {
    List<Arguments> out = new ArrayList<>();
    for (CellType cell : CellType.values()) {
      for (OptimizerType optimizer : OptimizerType.values()) {
        for (TrainingMode mode : TrainingMode.values()) {
          out.add(Arguments.of(cell, optimizer, mode));
        }
      }
    }
    return out.stream();
  }

  static Stream<Arguments> dl4j() {
    return numeric().filter(a -> a.get()[0] == CellType.RNN || a.get()[0] == CellType.LSTM);
  }

  @ParameterizedTest(name = "numeric {0} {1} {2}")
  @MethodSource("numeric")
  void numericRunContinuedFromCheckpointsEqualsOneGo(CellType cell, OptimizerType optimizer,
      TrainingMode mode) {
    assertLegsEqualOneGo(spec(Engine.NUMERIC, cell, optimizer, mode, 5), new int[] {2, 3, 5});
  }

  @ParameterizedTest(name = "dl4j {0} {1} {2}")
  @MethodSource("dl4j")
  void dl4jRunContinuedFromCheckpointsEqualsOneGo(CellType cell, OptimizerType optimizer,
      TrainingMode mode) {
    assertLegsEqualOneGo(spec(Engine.DL4J, cell, optimizer, mode, 3), new int[] {1, 3});
  }

  /** Trains {@code spec} in one go, then leg by leg stopping after each of {@code stops}; compares. */
  private static void assertLegsEqualOneGo(RunSpec spec, int[] stops) {
    Trained whole = Trainer.train(spec, ProgressListener.NONE);
    assertEquals(RunState.OK, whole.result().state());
    Checkpoint at = null;
    Trained last = null;
    for (int stop : stops) {
      Trainer.Leg leg = Trainer.train(spec, at, stop, ProgressListener.NONE);
      last = leg.trained();
      RunResult r = last.result();
      assertEquals(stop, r.epochsRun());
      assertArrayEquals(Arrays.copyOf(whole.result().lossCurve(), stop), r.lossCurve(), 0.0,
          "loss to " + stop);
      assertArrayEquals(Arrays.copyOf(whole.result().gradNormCurve(), stop), r.gradNormCurve(), 0.0);
      byte[] bytes = leg.checkpoint().toBytes();
      at = Checkpoint.fromBytes(bytes);
      assertEquals(leg.checkpoint(), at);
      assertEquals(stop, at.epochs());
    }
    RunResult a = whole.result();
    RunResult b = last.result();
    assertArrayEquals(a.lossCurve(), b.lossCurve(), 0.0);
    assertArrayEquals(a.gradNormCurve(), b.gradNormCurve(), 0.0);
    assertArrayEquals(a.probeOutputs(), b.probeOutputs(), 0.0);
    assertEquals(a.trainAccuracy(), b.trainAccuracy());
    assertEquals(a.testAccuracy(), b.testAccuracy());
    assertEquals(a.longAccuracy(), b.longAccuracy());
    assertEquals(a.probeCorrect(), b.probeCorrect());
    assertEquals(a.state(), b.state());
    assertEquals(whole.weights(), last.weights());
  }

  @Test
  void theCheckpointHoldsTheOptimizersStateAndIsSmall() {
    RunSpec lab = RunSpec.LAB.with(Map.of("optimizer", "adam", "samples", 20, "epochs", 2));
    Trainer.Leg leg = Trainer.train(lab, null, 1, ProgressListener.NONE);
    Checkpoint c = leg.checkpoint();
    int n = leg.trained().result().parameterCount();
    assertEquals(461, n, "the lab's RNN: LW_11 20x20, IW_11, b_1, LW_21, b_2");
    assertEquals(20, c.model().optimizer().steps(), "one Adam step per sequence");
    assertEquals(2 * n, c.model().optimizer().values().length, "Adam's m and v");
    assertTrue(c.toBytes().length < 3 * n * 8 + 400, "bytes: " + c.toBytes().length);
  }

  @Test
  void aLegThatEvaluatesOnlyTheHeldOutAccuracyTrainsTheSame() {
    RunSpec spec = spec(Engine.NUMERIC, CellType.LSTM, OptimizerType.ADAM, TrainingMode.MINIBATCH, 3);
    RunResult all = Trainer.train(spec, null, 2, true, ProgressListener.NONE).trained().result();
    Trainer.Leg cheap = Trainer.train(spec, null, 2, false, ProgressListener.NONE);
    RunResult r = cheap.trained().result();
    assertArrayEquals(all.lossCurve(), r.lossCurve(), 0.0);
    assertEquals(all.testAccuracy(), r.testAccuracy());
    assertTrue(Double.isNaN(r.trainAccuracy()) && Double.isNaN(r.longAccuracy()));
    assertEquals(0, r.probeOutputs().length);
    RunResult end = Trainer.train(spec, cheap.checkpoint(), 3, ProgressListener.NONE).trained().result();
    assertEquals(Trainer.train(spec, ProgressListener.NONE).result().longAccuracy(), end.longAccuracy());
  }

  @Test
  void withoutTheOptimizersStateTheContinuationDiffers() {
    RunSpec spec = spec(Engine.NUMERIC, CellType.RNN, OptimizerType.ADAM, TrainingMode.MINIBATCH, 2);
    Checkpoint c = Trainer.train(spec, null, 1, ProgressListener.NONE).checkpoint();
    Checkpoint fresh = new Checkpoint(c.runId(), 1, new ModelState(c.model().weights(),
        OptimizerState.NONE), c.lossCurve(), c.gradNormCurve(), c.wallMs());
    double full = Trainer.train(spec, c, 2, ProgressListener.NONE).trained().result().finalLoss();
    double reset = Trainer.train(spec, fresh, 2, ProgressListener.NONE).trained().result().finalLoss();
    assertEquals(Trainer.train(spec, ProgressListener.NONE).result().finalLoss(), full);
    assertNotEquals(full, reset, "a checkpoint that dropped Adam's moments would not continue the run");
  }

  @Test
  void checkpointsOfAnotherRunOrOutOfRangeStopsAreRefused() {
    RunSpec spec = spec(Engine.NUMERIC, CellType.RNN, OptimizerType.SGD, TrainingMode.MINIBATCH, 3);
    Checkpoint c = Trainer.train(spec, null, 2, ProgressListener.NONE).checkpoint();
    RunSpec other = spec.with("seed", 9L);
    assertThrows(IllegalArgumentException.class, () -> Trainer.train(other, c, 3, ProgressListener.NONE));
    assertThrows(IllegalArgumentException.class, () -> Trainer.train(spec, c, 2, ProgressListener.NONE));
    assertThrows(IllegalArgumentException.class, () -> Trainer.train(spec, c, 4, ProgressListener.NONE));
    byte[] bytes = c.toBytes();
    assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.fromBytes(Arrays.copyOf(bytes, bytes.length - 5)));
    bytes[3] ^= 1;
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.fromBytes(bytes));
  }
}
