package rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rnnlab.spec.RunSpec;
import rnnlab.spec.SequenceSet;

/** The tasks' generators against hand-worked examples, and the properties every generated set must hold. */
class TasksTest {

  private static final double NAN = Double.NaN;

  @Test
  void delayedRecallTargetsAreTheBitOfDelayStepsBefore() {
    double[] p = {1, 0, 1, 1, 0, 0};
    double[] y = new double[p.length];
    DelayedRecallTask.targets(p, 0, p.length, 2, y);
    assertArrayEquals(new double[] {NAN, NAN, 1, 0, 1, 1}, y);
    DelayedRecallTask.targets(p, 0, p.length, 1, y);
    assertArrayEquals(new double[] {NAN, 1, 0, 1, 1, 0}, y);
    DelayedRecallTask.targets(p, 0, 3, 4, y);
    assertArrayEquals(new double[] {NAN, NAN, NAN}, java.util.Arrays.copyOf(y, 3), "too short: no target");
  }

  @Test
  void nBackTargetsSayWhetherTheBitEqualsTheOneDelayStepsBefore() {
    double[] p = {1, 0, 1, 1, 0, 0};
    double[] y = new double[p.length];
    NBackTask.targets(p, 0, p.length, 2, y);
    // t=2: 1 vs p0=1 -> 1; t=3: 1 vs p1=0 -> 0; t=4: 0 vs p2=1 -> 0; t=5: 0 vs p3=1 -> 0
    assertArrayEquals(new double[] {NAN, NAN, 1, 0, 0, 0}, y);
    NBackTask.targets(p, 0, p.length, 1, y);
    // 0 vs 1, 1 vs 0, 1 vs 1, 0 vs 1, 0 vs 0
    assertArrayEquals(new double[] {NAN, 0, 0, 1, 0, 1}, y);
  }

  @Test
  void addingProbeIsWorkedByHand() {
    SequenceSet probe = AddingTask.probe();
    double[] in = probe.inputsOf(0);
    double[] y = probe.targetsOf(0);
    assertEquals(22, in.length);
    assertEquals(1 + 3 / 23.0, in[2], 1e-15);
    assertEquals(1 + 17 / 23.0, in[16], 1e-15);
    assertEquals(5 / 23.0, in[4], 1e-15);
    assertEquals(20 / 23.0, y[21], 1e-15);
    for (int t = 0; t < 21; t++) {
      assertTrue(Double.isNaN(y[t]), "no target at step " + t);
    }
  }

  @Test
  void addingSequencesMarkOneValueInEachHalfAndTargetTheirSumAtTheEnd() {
    SequenceSet s = AddingTask.generate(300, 2, 9, new SplittableRandom(3));
    for (int n = 0; n < s.count(); n++) {
      double[] in = s.inputsOf(n);
      double[] y = s.targetsOf(n);
      int len = in.length;
      double sum = 0;
      int marks = 0;
      for (int t = 0; t < len; t++) {
        assertTrue(in[t] >= 0 && in[t] < 2, "input " + in[t]);
        if (in[t] >= 1) {
          marks++;
          sum += in[t] - 1;
          assertTrue(marks == 1 ? t < len / 2 : t >= len / 2, "mark " + marks + " at " + t + " of " + len);
        }
        if (t < len - 1) {
          assertTrue(Double.isNaN(y[t]), "only the last step has a target");
        }
      }
      assertEquals(2, marks, "sequence " + n);
      assertEquals(sum, y[len - 1], 1e-12);
    }
  }

  @Test
  void countingOnesThroughTasksDrawsExactlyAsTheLabsGenerator() {
    RunSpec spec = RunSpec.LAB.with("window", 4);
    SequenceSet a = Tasks.generate(spec, 50, 3, 12, new SplittableRandom(77));
    SequenceSet b = ParityTask.generate(50, 3, 12, 4, new SplittableRandom(77));
    assertArrayEquals(b.inputs(), a.inputs());
    assertArrayEquals(b.targets(), a.targets());
    assertArrayEquals(b.lengths(), a.lengths());
  }

  @Test
  void binaryTasksShareTheBitsAndDifferInTargets() {
    RunSpec recall = RunSpec.of(Map.of("task", "delayed-recall", "delay", 3));
    RunSpec nBack = RunSpec.of(Map.of("task", "n-back", "delay", 3));
    SequenceSet a = Tasks.generate(recall, 20, 10, 10, new SplittableRandom(5));
    SequenceSet b = Tasks.generate(nBack, 20, 10, 10, new SplittableRandom(5));
    assertArrayEquals(a.inputs(), b.inputs());
    for (int n = 0; n < a.count(); n++) {
      double[] p = a.inputsOf(n);
      for (int t = 3; t < 10; t++) {
        assertEquals(p[t - 3], a.targetsOf(n)[t]);
        assertEquals(p[t] == p[t - 3] ? 1.0 : 0.0, b.targetsOf(n)[t]);
      }
    }
  }

  @Test
  void probesOfTheBinaryTasksAreTheLabsProbeBits() {
    SequenceSet probe = Tasks.probe(RunSpec.of(Map.of("task", "delayed-recall", "delay", 2)));
    assertArrayEquals(ParityTask.PROBE, probe.inputsOf(0));
    assertEquals(ParityTask.PROBE[0], probe.targetsOf(0)[2]);
    assertArrayEquals(ParityTask.probe(3).targetsOf(0), Tasks.probe(RunSpec.LAB).targetsOf(0));
  }
}
