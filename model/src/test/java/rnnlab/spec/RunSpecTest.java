package rnnlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rnnlab.train.RunInputs;
import rnnlab.train.RunResult;
import rnnlab.train.Trainer;

class RunSpecTest {

  @Test
  void keysAreSnakeCaseInDeclarationOrderWithTheirTypes() {
    List<String> keys = RunSpec.keys();
    assertEquals("engine", keys.get(0));
    assertTrue(keys.indexOf("batch_size") > keys.indexOf("clip_norm"));
    assertTrue(keys.containsAll(List.of("window", "hidden", "lr", "clip", "seed", "data", "init_weights",
        "length_min", "test_samples")));
    assertEquals(keys, List.copyOf(RunSpec.LAB.toMap().keySet()));
    assertEquals(int.class, RunSpec.typeOf("batch_size"));
    assertEquals(double.class, RunSpec.typeOf("lr"));
    assertEquals(long.class, RunSpec.typeOf("seed"));
    assertEquals(boolean.class, RunSpec.typeOf("shuffle"));
    assertEquals(String.class, RunSpec.typeOf("init_weights"));
    assertEquals(ClipMode.class, RunSpec.typeOf("clip"));
    assertThrows(IllegalArgumentException.class, () -> RunSpec.typeOf("batchSize"));
  }

  @Test
  void labDefaultsAreTheLabsTestRun() {
    RunSpec lab = RunSpec.LAB;
    assertEquals(List.of(1000, 10, 3, 20, 10), List.of(lab.samples(), lab.length(), lab.window(),
        lab.hidden(), lab.epochs()));
    assertEquals(0.1, lab.lr());
    assertEquals(TrainingMode.PER_SEQUENCE, lab.mode());
    assertEquals(ClipMode.PER_TENSOR, lab.clip());
    assertEquals(5.0, lab.clipNorm());
    assertEquals("per-sequence", lab.toMap().get("mode"));
  }

  @Test
  void withAcceptsTextAndTypedValues() {
    RunSpec fromText = RunSpec.LAB.with(Map.of("window", "5", "lr", "0.01", "mode", "minibatch",
        "shuffle", "false", "seed", "42", "clip", "global"));
    RunSpec typed = RunSpec.LAB.with(Map.of("window", 5, "lr", 0.01, "mode", TrainingMode.MINIBATCH,
        "shuffle", false, "seed", 42L, "clip", ClipMode.GLOBAL));
    assertEquals(fromText, typed);
    assertEquals(5, typed.window());
    assertEquals(0.01, typed.lr());
    assertEquals(TrainingMode.MINIBATCH, typed.mode());
    assertEquals(42L, typed.seed());
    assertEquals(7, RunSpec.LAB.with("hidden", 7.0).hidden());
    assertEquals(RunSpec.LAB.with("hidden", 7), RunSpec.of(Map.of("hidden", "7")));
  }

  @Test
  void everyProblemIsReportedAtOnceNamingItsKey() {
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("window", "three");
    bad.put("colour", "red");
    bad.put("mode", "sideways");
    bad.put("shuffle", "maybe");
    SpecException e = assertThrows(SpecException.class, () -> RunSpec.LAB.with(bad));
    assertEquals(4, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).toString().startsWith("window: expected an integer"), e.getMessage());
    assertTrue(e.problems().get(1).toString().contains("unknown key 'colour'"), e.getMessage());
    assertTrue(e.problems().get(2).toString().contains("per-sequence, minibatch"), e.getMessage());
    assertTrue(e.problems().get(3).toString().startsWith("shuffle:"), e.getMessage());

    Map<String, Object> range = new LinkedHashMap<>();
    range.put("hidden", 0);
    range.put("samples", -3);
    range.put("lr", Double.NaN);
    range.put("clip_norm", Double.POSITIVE_INFINITY);
    range.put("epochs", 0);
    range.put("momentum", 1.0);
    range.put("batch_size", 0);
    SpecException r = assertThrows(SpecException.class, () -> RunSpec.LAB.with(range));
    assertEquals(7, r.problems().size(), r.getMessage());
    for (String key : range.keySet()) {
      assertTrue(r.problems().stream().anyMatch(p -> p.toString().startsWith(key + ":")),
          key + " in " + r.getMessage());
    }
    assertThrows(SpecException.class, () -> RunSpec.LAB.with("lr", -0.1));
    assertThrows(SpecException.class, () -> RunSpec.LAB.with(Map.of("length", 4, "window", 5)));
  }

  @Test
  void dl4jSparkTakesMinibatchRnnOrLstmWithoutGlobalClippingAndTrainerRefusesIt() {
    RunSpec spark = RunSpec.LAB.with(Map.of("engine", "dl4j-spark", "mode", "minibatch", "cell", "lstm",
        "averaging_frequency", 3, "workers_batch", 8));
    assertEquals(8, spark.effectiveWorkersBatch());
    assertEquals(spark.batchSize(), spark.with("workers_batch", 0).effectiveWorkersBatch());
    SpecException e = assertThrows(SpecException.class, () -> spark.with(Map.of("mode", "per-sequence",
        "clip", "global", "cell", "gru", "averaging_frequency", 0, "workers_batch", -1)));
    assertEquals(5, e.problems().size(), e.getMessage());
    for (String key : List.of("mode", "clip", "cell", "averaging_frequency", "workers_batch")) {
      assertTrue(e.problems().stream().anyMatch(p -> p.toString().startsWith(key + ":")),
          key + " in " + e.getMessage());
    }
    RunResult refused = Trainer.run(spark);
    assertEquals(RunState.FAILED, refused.state());
    assertTrue(refused.message().contains("./submit.sh dtrain"), refused.message());
  }

  @Test
  void idIsStableAndChangesWithAnyKey() {
    assertEquals(RunSpec.LAB.id(), RunSpec.LAB.with("window", 3).id());
    assertEquals(16, RunSpec.LAB.id().length());
    assertTrue(RunSpec.LAB.id().matches("[0-9a-f]{16}"));
    assertNotEquals(RunSpec.LAB.id(), RunSpec.LAB.with("window", 4).id());
    assertNotEquals(RunSpec.LAB.id(), RunSpec.LAB.with("seed", 1L).id());
    assertNotEquals(RunSpec.LAB.id(), RunSpec.LAB.with("lr", 0.1000001).id());
    assertNotEquals(RunSpec.LAB.id(), RunSpec.LAB.with("shuffle", false).id());
  }

  @Test
  void aPinnedFolderEntersTheIdByItsDigestAlone() {
    RunSpec here = RunSpec.LAB.with("data", "/here" + RunSpec.PIN + "0123456789abcdef");
    RunSpec there = RunSpec.LAB.with("data", "hdfs://nn:8020/there" + RunSpec.PIN + "0123456789abcdef");
    RunSpec other = RunSpec.LAB.with("data", "/here" + RunSpec.PIN + "fedcba9876543210");
    assertEquals(here.id(), there.id());
    assertNotEquals(here.id(), other.id());
    assertNotEquals(here.id(), RunSpec.LAB.with("data", "/here").id(), "an unpinned path is not content");
    assertEquals("/here", RunSpec.location(here.data()));
    assertEquals("0123456789abcdef", RunSpec.content(here.data()));
    assertEquals(null, RunSpec.content("/here"));
  }

  @Test
  void arraysOfEqualValuesHaveOneDigestWhateverTheirDtype() {
    var f64 = new NdArray(new int[] {2}, new double[] {0.5, 1});
    var f32 = rnnlab.npy.Npy.read("x.npy", float32(0.5f, 1f));
    assertEquals(RunInputs.digest(Map.of("X", f64)), RunInputs.digest(Map.of("X", f32)));
    assertNotEquals(RunInputs.digest(Map.of("X", f64)), RunInputs.digest(Map.of("Y", f64)), "names count");
    assertNotEquals(RunInputs.digest(Map.of("X", f64)),
        RunInputs.digest(Map.of("X", new NdArray(new int[] {2, 1}, new double[] {0.5, 1}))),
        "shapes count");
  }

  /** A .npy file of little-endian float32 values, shape (n,). */
  private static byte[] float32(float... values) {
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + values.length + ",), }\n";
    var b = java.nio.ByteBuffer.allocate(10 + header.length() + 4 * values.length)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
    b.put(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  @Test
  void toArgsRebuildsTheSameSpec() {
    RunSpec s = RunSpec.LAB.with(Map.of("window", 4, "clip", "none", "init_weights", "/w"));
    Map<String, Object> parsed = new LinkedHashMap<>();
    for (String arg : s.toArgs()) {
      assertTrue(arg.startsWith("--"), arg);
      int eq = arg.indexOf('=');
      parsed.put(arg.substring(2, eq).replace('-', '_'), arg.substring(eq + 1));
    }
    assertTrue(!parsed.containsKey("data"), "empty data is left out");
    assertEquals(s, RunSpec.LAB.with(parsed));
  }

  @Test
  void theTaskKeyAtItsDefaultChangesNoIdAndTaskKeysAreValidated() {
    assertEquals(RunSpec.LAB.id(), RunSpec.LAB.with(Map.of("task", "counting-ones", "delay", 1)).id());
    assertEquals(TaskType.COUNTING_ONES, RunSpec.LAB.task());
    RunSpec recall = RunSpec.of(Map.of("task", "delayed-recall", "delay", 4));
    assertNotEquals(recall.id(), recall.with("task", "n-back").id());
    assertEquals(5, recall.effectiveDelays(), "an FTDNN sees the delay and the current step");
    assertEquals(10, RunSpec.of(Map.of("task", "adding")).effectiveDelays(), "the whole sequence");
    Map<String, String> bad = Map.of(
        "delay", "expected an integer in [1, 9]",
        "window", "does not use window");
    SpecException e = assertThrows(SpecException.class,
        () -> RunSpec.of(Map.of("task", "n-back", "delay", 10, "window", 5)));
    bad.forEach((key, message) -> assertTrue(e.problems().stream()
        .anyMatch(p -> p.key().equals(key) && p.message().contains(message)), key + ": " + e.getMessage()));
    SpecException zero = assertThrows(SpecException.class,
        () -> RunSpec.of(Map.of("task", "delayed-recall", "delay", 0)));
    assertTrue(zero.getMessage().contains("delay"), zero.getMessage());
    SpecException unused = assertThrows(SpecException.class, () -> RunSpec.LAB.with("delay", 2));
    assertTrue(unused.getMessage().contains("does not use delay"), unused.getMessage());
    SpecException data = assertThrows(SpecException.class,
        () -> RunSpec.of(Map.of("task", "adding", "data", "/somewhere")));
    assertTrue(data.getMessage().contains("task adding generates its own sequences"), data.getMessage());
    SpecException task = assertThrows(SpecException.class, () -> RunSpec.LAB.with("task", "copy"));
    assertTrue(task.getMessage().contains("is not one of counting-ones, adding, delayed-recall, n-back"),
        task.getMessage());
  }
}
