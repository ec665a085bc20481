package rnnlab.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import rnnlab.npy.WeightFiles;
import rnnlab.numeric.NumericModel;
import rnnlab.spec.CellType;
import rnnlab.spec.ClipMode;
import rnnlab.spec.EpochStats;
import rnnlab.spec.Network;
import rnnlab.spec.OptimizerType;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.spec.SequenceSet;
import rnnlab.spec.TaskType;
import rnnlab.spec.TrainingMode;
import rnnlab.spec.Weights;
import rnnlab.task.ParityTask;
import rnnlab.train.RunResult;
import rnnlab.train.Trained;
import rnnlab.train.Trainer;

/**
 * The DL4J engine against the numeric engine from identical weights and data: forward outputs, gradients,
 * and loss curves and final weights after several updates, in both modes, with and without padding masks
 * and clipping.
 */
class EngineAgreementTest {

  /** A tiny run: S1 = 3, 8 sequences of length 3..5 (so minibatches are padded), batches of 3. */
  private static RunSpec tiny(Map<String, Object> changes) {
    Map<String, Object> m = new HashMap<>(Map.of("hidden", 3, "samples", 8, "length", 5, "length_min", 3,
        "window", 2, "batch_size", 3, "epochs", 3, "test_samples", 4, "lr", 0.5, "clip", "none"));
    m.putAll(changes);
    return RunSpec.of(m);
  }

  private static SequenceSet data(RunSpec spec) {
    return ParityTask.generate(spec.samples(), spec.effectiveLengthMin(), spec.length(), spec.window(),
        new SplittableRandom(7));
  }

  /** Both engines for {@code spec}, the DL4J one holding the numeric one's initial weights. */
  private static Network[] pair(RunSpec spec) {
    NumericModel numeric = NumericModel.create(spec, new SplittableRandom(11));
    Dl4jModel dl4j = new Dl4jModel(spec);
    dl4j.setWeights(numeric.weights());
    return new Network[] {numeric, dl4j};
  }

  private static double[] flat(Weights w) {
    return w.tensors().values().stream().flatMapToDouble(a -> java.util.Arrays.stream(a.data())).toArray();
  }

  private static double maxAbsDiff(double[] a, double[] b) {
    assertEquals(a.length, b.length);
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
    }
    return d;
  }

  private static double norm(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    java.util.Arrays.setAll(order, i -> i);
    return order;
  }

  @ParameterizedTest
  @MethodSource("cells")
  void weightsGoInAndComeOutUnchanged(CellType cell) {
    RunSpec spec = tiny(Map.of("cell", cell));
    Network[] m = pair(spec);
    assertEquals(m[0].weights(), m[1].weights());
    assertEquals(m[0].parameterCount(), m[1].parameterCount());
  }

  static Stream<Arguments> cells() {
    return Stream.of(Arguments.of(CellType.RNN), Arguments.of(CellType.LSTM));
  }

  @ParameterizedTest
  @MethodSource("cells")
  void forwardOutputsAgreeOnPaddedSequences(CellType cell) {
    RunSpec spec = tiny(Map.of("cell", cell));
    SequenceSet set = data(spec);
    assertTrue(!set.uniformLength(), "the set must have padding");
    Network[] m = pair(spec);
    double[] a = m[0].predict(set);
    double[] b = m[1].predict(set);
    assertTrue(maxAbsDiff(a, b) < 1e-10, "max |a2 numeric - a2 dl4j| = " + maxAbsDiff(a, b));
  }

  static Stream<Arguments> cellsAndModes() {
    return Stream.of(CellType.RNN, CellType.LSTM).flatMap(c -> Stream.of(TrainingMode.values())
        .map(m -> Arguments.of(c, m)));
  }

  /** With SGD at lr 1 and no clipping, one update moves the weights by exactly minus the gradient. */
  @ParameterizedTest
  @MethodSource("cellsAndModes")
  void gradientsAgree(CellType cell, TrainingMode mode) {
    RunSpec spec = tiny(Map.of("cell", cell, "mode", mode, "lr", 1.0));
    SequenceSet set = data(spec);
    assertFirstUpdatesAgree(spec, set, mode);
  }

  /**
   * One update (the first sequence per sequence, the first three as a minibatch) at lr 1 moves both engines'
   * weights by their gradient: the two moves agree to 1e-8 relative.
   */
  private static void assertFirstUpdatesAgree(RunSpec spec, SequenceSet set, TrainingMode mode) {
    int[] one = mode == TrainingMode.PER_SEQUENCE ? new int[] {0} : new int[] {0, 1, 2};
    double[][] grads = new double[2][];
    Network[] m = pair(spec);
    for (int e = 0; e < 2; e++) {
      double[] before = flat(m[e].weights());
      m[e].trainEpoch(set, one);
      double[] after = flat(m[e].weights());
      grads[e] = new double[before.length];
      for (int i = 0; i < before.length; i++) {
        grads[e][i] = before[i] - after[i];
      }
    }
    double rel = maxAbsDiff(grads[0], grads[1]) / norm(grads[0]);
    assertTrue(norm(grads[0]) > 1e-3, "gradient too small to compare: " + norm(grads[0]));
    assertTrue(rel < 1e-8, "max |g numeric - g dl4j| / |g| = " + rel);
  }

  /**
   * SGD for every cell, mode and clipping; every other optimizer for every cell and mode, with per-tensor
   * clipping in per-sequence mode and global clipping in minibatch mode.
   */
  static Stream<Arguments> runs() {
    Stream<Arguments> sgd = Stream.of(CellType.RNN, CellType.LSTM)
        .flatMap(c -> Stream.of(TrainingMode.values()).flatMap(m -> Stream.of(ClipMode.values())
            .map(k -> Arguments.of(c, m, k, OptimizerType.SGD))));
    Stream<Arguments> others = Stream.of(OptimizerType.MOMENTUM, OptimizerType.RMSPROP, OptimizerType.ADAM)
        .flatMap(o -> Stream.of(CellType.RNN, CellType.LSTM).flatMap(c -> Stream.of(
            Arguments.of(c, TrainingMode.PER_SEQUENCE, ClipMode.PER_TENSOR, o),
            Arguments.of(c, TrainingMode.MINIBATCH, ClipMode.GLOBAL, o))));
    return Stream.concat(sgd, others);
  }

  /**
   * Three epochs. The clipping limit (0.1 per sequence, 0.01 for the batch mean) is low enough to engage on
   * these gradients: the run must end elsewhere than the same run without clipping. Adam runs with
   * epsilon 1e-20, where DL4J's placement of epsilon (see {@link Networks#updater}) makes no difference.
   */
  @ParameterizedTest
  @MethodSource("runs")
  void lossCurvesAndFinalWeightsAgree(CellType cell, TrainingMode mode, ClipMode clip, OptimizerType opt) {
    double limit = mode == TrainingMode.PER_SEQUENCE ? 0.1 : 0.01;
    RunSpec spec = tiny(Map.of("cell", cell, "mode", mode, "clip", clip, "clip_norm", limit,
        "optimizer", opt, "lr", opt == OptimizerType.SGD || opt == OptimizerType.MOMENTUM ? 0.5 : 0.05,
        "epsilon", opt == OptimizerType.ADAM ? 1e-20 : 1e-8));
    SequenceSet set = data(spec);
    Network[] m = pair(spec);
    int[] order = identity(set.count());
    for (int epoch = 0; epoch < 3; epoch++) {
      EpochStats a = m[0].trainEpoch(set, order);
      EpochStats b = m[1].trainEpoch(set, order);
      assertEquals(a.loss(), b.loss(), 1e-10 * a.loss(), "loss of epoch " + epoch);
      assertEquals(a.gradNorm(), b.gradNorm(), 1e-9 * a.gradNorm(), "gradient norm of epoch " + epoch);
    }
    double[] w = flat(m[0].weights());
    double d = maxAbsDiff(w, flat(m[1].weights()));
    // Adam and RMSProp divide by a root of the squared gradient: an element whose gradient is tiny next to
    // the others carries its rounding error into a step of full size lr.
    double tolerance = opt == OptimizerType.ADAM || opt == OptimizerType.RMSPROP ? 1e-8 : 1e-10;
    assertTrue(d < tolerance, "max |w numeric - w dl4j| = " + d);
    if (clip != ClipMode.NONE) {
      Network unclipped = pair(spec.with("clip", ClipMode.NONE))[0];
      for (int epoch = 0; epoch < 3; epoch++) {
        unclipped.trainEpoch(set, order);
      }
      double moved = maxAbsDiff(w, flat(unclipped.weights()));
      assertTrue(moved > 1e-4, "clipping did not engage: weights differ from the unclipped run by " + moved);
    }
  }

  /**
   * DL4J's Adam adds epsilon to the uncorrected root: its first step is {@code lr·g / (|g| + ε/sqrt(1-β2))}
   * where the lab's is {@code lr·g / (|g| + ε)}. Checked element by element against the gradient.
   */
  @Test
  void dl4jAdamFirstStepPutsEpsilonOnTheUncorrectedRoot() {
    RunSpec sgd = tiny(Map.of("mode", TrainingMode.MINIBATCH, "lr", 1.0));
    RunSpec adam = sgd.with(Map.of("optimizer", OptimizerType.ADAM, "lr", 0.1, "epsilon", 1e-2));
    SequenceSet set = data(sgd);
    int[] first = {0, 1, 2};
    Network[] g = pair(sgd);
    double[] w0 = flat(g[1].weights());
    g[1].trainEpoch(set, first);
    double[] grad = flat(g[1].weights());
    Network[] a = pair(adam);
    a[1].trainEpoch(set, first);
    a[0].trainEpoch(set, first);
    double[] dl4j = flat(a[1].weights());
    double[] lab = flat(a[0].weights());
    double epsDl4j = 1e-2 / Math.sqrt(1 - adam.beta2());
    for (int i = 0; i < w0.length; i++) {
      double gi = w0[i] - grad[i];
      assertEquals(w0[i] - 0.1 * gi / (Math.abs(gi) + epsDl4j), dl4j[i], 1e-12, "dl4j element " + i);
      assertEquals(w0[i] - 0.1 * gi / (Math.abs(gi) + 1e-2), lab[i], 1e-12, "numeric element " + i);
    }
  }

  /** Weights exported as .npy from a numeric LSTM start a DL4J run through {@code init_weights}. */
  @Test
  void initWeightsFromNpyStartBothEnginesAlike(@TempDir Path dir) throws IOException {
    RunSpec spec = tiny(Map.of("cell", CellType.LSTM, "mode", TrainingMode.MINIBATCH));
    WeightFiles.write(dir, NumericModel.create(spec, new SplittableRandom(99)).weights());
    RunSpec fromFiles = spec.with("init_weights", dir.toString());
    Trained a = Trainer.train(fromFiles, ProgressListener.NONE);
    Trained b = Trainer.train(fromFiles.with("engine", "dl4j"), ProgressListener.NONE);
    assertArrayEquals(a.result().lossCurve(), b.result().lossCurve(), 1e-12);
    assertTrue(maxAbsDiff(flat(a.weights()), flat(b.weights())) < 1e-12);
  }

  @Test
  void trainerGivesTheSameRunOnBothEngines() {
    RunSpec numeric = tiny(Map.of("mode", TrainingMode.MINIBATCH, "clip", ClipMode.PER_TENSOR));
    RunResult a = Trainer.train(numeric, ProgressListener.NONE).result();
    RunResult b = Trainer.train(numeric.with("engine", "dl4j"), ProgressListener.NONE).result();
    assertEquals("dl4j", b.provenance().engine());
    assertEquals(a.lossCurve().length, b.lossCurve().length);
    for (int i = 0; i < a.lossCurve().length; i++) {
      assertEquals(a.lossCurve()[i], b.lossCurve()[i], 1e-10 * a.lossCurve()[i], "epoch " + i);
    }
    assertArrayEquals(a.probeOutputs(), b.probeOutputs(), 1e-10);
    assertEquals(a.testAccuracy(), b.testAccuracy());
  }

  static Stream<Arguments> tasks() {
    return Stream.of(TaskType.ADDING, TaskType.DELAYED_RECALL, TaskType.N_BACK).flatMap(t -> Stream.of(
        CellType.RNN, CellType.LSTM).flatMap(c -> Stream.of(TrainingMode.values())
            .map(m -> Arguments.of(t, c, m))));
  }

  /**
   * Every new task on both engines through the trainer (its data, targets without a value at some steps,
   * padded minibatches, the task's output and evaluation): loss curves, probe outputs, final weights and
   * held-out accuracies agree. The adding problem's output is DL4J's own: an identity {@code RnnOutputLayer}
   * with a {@code LossMSE}.
   */
  @ParameterizedTest
  @MethodSource("tasks")
  void everyTaskGivesTheSameRunOnBothEngines(TaskType task, CellType cell, TrainingMode mode) {
    RunSpec numeric = tiny(Map.of("task", task, "window", 3, "delay", task == TaskType.ADDING ? 1 : 2,
        "cell", cell, "mode", mode, "clip", ClipMode.PER_TENSOR, "lr", 0.2));
    Trained a = Trainer.train(numeric, ProgressListener.NONE);
    Trained b = Trainer.train(numeric.with("engine", "dl4j"), ProgressListener.NONE);
    double[] la = a.result().lossCurve();
    double[] lb = b.result().lossCurve();
    assertEquals(la.length, lb.length);
    for (int i = 0; i < la.length; i++) {
      assertEquals(la[i], lb[i], 1e-10 * la[i], "epoch " + i);
    }
    assertTrue(la[la.length - 1] != la[0], "the run must train");
    assertArrayEquals(a.result().probeOutputs(), b.result().probeOutputs(), 1e-10);
    assertTrue(maxAbsDiff(flat(a.weights()), flat(b.weights())) < 1e-10);
    assertEquals(a.result().testAccuracy(), b.result().testAccuracy());
    assertEquals(a.result().longAccuracy(), b.result().longAccuracy());
    if (task == TaskType.ADDING) {
      Layer out = new Dl4jModel(numeric).network().getLayerWiseConfigurations().getConf(1).getLayer();
      assertTrue(out instanceof org.deeplearning4j.nn.conf.layers.RnnOutputLayer o
          && o.getActivationFn() instanceof ActivationIdentity && o.getLossFn() instanceof LossMSE,
          "the regression output is DL4J's RnnOutputLayer with identity activation and MSE: " + out);
    }
  }

  /**
   * DL4J's MSE and the numeric engine's linear output give the same gradient of one update, a sequence at a
   * time and as a padded batch, with steps without a target (the adding problem's).
   */
  @ParameterizedTest
  @MethodSource("cellsAndModes")
  void regressionGradientsAgree(CellType cell, TrainingMode mode) {
    RunSpec spec = tiny(Map.of("task", TaskType.ADDING, "window", 3, "cell", cell, "mode", mode, "lr", 1.0));
    SequenceSet set = rnnlab.task.Tasks.generate(spec, 8, 3, 5, new SplittableRandom(7));
    assertFirstUpdatesAgree(spec, set, mode);
  }
}
