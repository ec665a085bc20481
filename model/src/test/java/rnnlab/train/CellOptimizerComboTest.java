package rnnlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rnnlab.npy.NpyData;
import rnnlab.spec.CellType;
import rnnlab.spec.OptimizerType;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.spec.Weights;
import rnnlab.task.ParityTask;

/**
 * Every new cell with every optimizer trains a tiny variable-length run, generated or read from .npy, and
 * the same spec trained again gives the same numbers.
 */
class CellOptimizerComboTest {

  @TempDir
  Path dir;

  static Stream<Arguments> combos() {
    List<Arguments> out = new ArrayList<>();
    for (CellType cell : List.of(CellType.LSTM, CellType.GRU, CellType.FTDNN)) {
      for (OptimizerType opt : OptimizerType.values()) {
        for (boolean fromNpy : new boolean[] {false, true}) {
          out.add(Arguments.of(cell, opt, fromNpy));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} npy={2}")
  @MethodSource("combos")
  void trainsATinyVariableLengthRunReproducibly(CellType cell, OptimizerType opt, boolean fromNpy)
      throws IOException {
    Map<String, Object> keys = new HashMap<>(Map.of("cell", cell, "optimizer", opt, "mode", "minibatch",
        "batch_size", 4, "hidden", 3, "samples", 16, "length", 6, "length_min", 2, "epochs", 2,
        "test_samples", 8));
    keys.put("lr", 0.05);
    if (fromNpy) {
      NpyData.write(dir, ParityTask.generate(16, 2, 6, 3, new SplittableRandom(4)));
      keys.put("data", dir.toString());
    }
    RunSpec spec = RunSpec.LAB.with(keys);
    Weights init = Engines.create(spec, RunSeeds.of(spec.seed()).weights()).weights();

    Trained t = Trainer.train(spec, ProgressListener.NONE);

    RunResult r = t.result();
    assertEquals(RunState.OK, r.state(), r.message());
    assertEquals(2, r.epochsRun());
    assertTrue(Arrays.stream(r.lossCurve()).allMatch(l -> Double.isFinite(l) && l > 0),
        Arrays.toString(r.lossCurve()));
    assertTrue(r.testAccuracy() >= 0 && r.testAccuracy() <= 1, "accuracy " + r.testAccuracy());
    String first = init.tensors().keySet().iterator().next();
    assertFalse(Arrays.equals(init.get(first).data(), t.weights().get(first).data()),
        first + " unchanged by training");

    Trained again = Trainer.train(spec, ProgressListener.NONE);
    assertArrayEquals(r.lossCurve(), again.result().lossCurve(), "loss curve of the same spec");
    for (String name : t.weights().tensors().keySet()) {
      assertArrayEquals(t.weights().get(name).data(), again.weights().get(name).data(), name);
    }
  }
}
