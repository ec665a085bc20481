package rnnlab.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rnnlab.spec.CellType;
import rnnlab.spec.SequenceSet;
import rnnlab.spec.TrainingMode;

class GradientCheckTest {

  private static final double TOLERANCE = 1e-6;

  /** Equal lengths (no padding), all different lengths (padding and masks), and T = 1. */
  private static final int[][] LENGTHS = {{5, 5, 5}, {5, 2, 4, 1, 3}, {1}};

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (CellType cell : CellType.values()) {
      for (TrainingMode mode : TrainingMode.values()) {
        for (int[] lengths : LENGTHS) {
          cases.add(Arguments.of(cell, mode, 3, lengths));
        }
        cases.add(Arguments.of(cell, mode, 1, new int[] {1}));
        cases.add(Arguments.of(cell, mode, 1, new int[] {4, 2}));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} S1={2} lengths={3}")
  @MethodSource("cases")
  void analyticGradientMatchesCentralDifferences(CellType type, TrainingMode mode, int s1, int[] lengths) {
    check(type, mode, s1, GradientCheck.randomSet(lengths, 5), Output.SIGMOID_BCE);
  }

  /**
   * The regression output (linear unit, squared error) with steps that have no target (NaN), as the adding
   * problem trains: dL/dn2 = 2 (a2 - t) at scored steps only, through every cell and mode.
   */
  @ParameterizedTest(name = "linear+MSE {0} {1} S1={2} lengths={3}")
  @MethodSource("cases")
  void linearOutputGradientMatchesCentralDifferences(CellType type, TrainingMode mode, int s1,
      int[] lengths) {
    check(type, mode, s1, GradientCheck.regressionSet(lengths, 5), Output.LINEAR_MSE);
  }

  /** The lab's output with steps without a target (NaN), as delayed-recall and n-back train. */
  @ParameterizedTest(name = "sigmoid+BCE, no target at t=0: {0} {1} S1={2} lengths={3}")
  @MethodSource("cases")
  void stepsWithoutATargetCarryNoGradient(CellType type, TrainingMode mode, int s1, int[] lengths) {
    SequenceSet bits = GradientCheck.randomSet(lengths, 5);
    double[] targets = bits.targets().clone();
    for (int n = 0; n < lengths.length; n++) {
      if (lengths[n] > 1) {
        targets[n * bits.maxLength()] = Double.NaN;
      }
    }
    check(type, mode, s1, new SequenceSet(bits.inputs(), targets, bits.lengths(), bits.maxLength()),
        Output.SIGMOID_BCE);
  }

  private static void check(CellType type, TrainingMode mode, int s1, SequenceSet set, Output output) {
    Cell cell = GradientCheck.cell(type, s1, 3);
    double[] params = GradientCheck.randomParams(cell, 0.5, 11);
    int per = mode == TrainingMode.PER_SEQUENCE ? 1 : set.count();
    for (int first = 0; first < set.count(); first += per) {
      GradientCheck.Result r = GradientCheck.check(cell, params, mode, set, first, per, output);
      assertTrue(r.relativeError() <= TOLERANCE, "relative error " + r.relativeError() + " at sequence "
          + first);
      assertTrue(r.analyticNorm() > 1e-3, "gradient norm " + r.analyticNorm() + " too small to check");
      assertEquals(r.exactLoss(), r.reportedLoss(), 1e-5, "reported loss against the exact loss");
    }
  }
}
