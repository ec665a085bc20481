package rnnlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rnnlab.spec.OptimizerState;
import rnnlab.spec.RunSpec;

/**
 * Two steps of each rule from {@code w = (1, -2)} with gradients {@code (0.5, -1)} then {@code (0.25, 2)},
 * lr 0.1, worked out by hand: the intermediate moments are written as the decimals they come to, and only
 * the last division is left to the machine.
 */
class OptimizerTest {

  private static final double[] G1 = {0.5, -1.0};
  private static final double[] G2 = {0.25, 2.0};
  private static final double EPS = 1e-8;

  static Stream<Arguments> rules() {
    return Stream.of(
        // w1 = (1 - 0.05, -2 + 0.1); w2 = w1 - 0.1 * (0.25, 2)
        Arguments.of("sgd", (Supplier<Optimizer>) () -> new Sgd(0.1), new double[] {0.925, -2.1}),
        // v1 = g1 = (0.5, -1), w1 = (0.95, -1.9); v2 = 0.9 v1 + g2 = (0.7, 1.1), w2 = w1 - 0.1 v2
        Arguments.of("momentum", (Supplier<Optimizer>) () -> new Momentum(0.1, 0.9),
            new double[] {0.88, -2.01}),
        // step 1: m = (0.05, -0.1), v = (0.00025, 0.001); corrected: m^ = g1, sqrt(v^) = |g1|
        //   w1 = (1 - 0.1 * 0.5 / (0.5 + eps), -2 + 0.1 * 1 / (1 + eps))
        // step 2: m = 0.9 m + 0.1 g2 = (0.07, 0.11); v = 0.999 v + 0.001 g2^2 = (0.00031225, 0.004999)
        //   1 - 0.9^2 = 0.19; 1 - 0.999^2 = 0.001999
        Arguments.of("adam", (Supplier<Optimizer>) () -> new Adam(0.1, 0.9, 0.999, EPS), new double[] {
            1 - 0.1 * 0.5 / (0.5 + EPS) - 0.1 * (0.07 / 0.19) / (Math.sqrt(0.00031225 / 0.001999) + EPS),
            -2 + 0.1 * 1 / (1 + EPS) - 0.1 * (0.11 / 0.19) / (Math.sqrt(0.004999 / 0.001999) + EPS)}),
        // step 1: s = 0.1 g1^2 = (0.025, 0.1); step 2: s = 0.9 s + 0.1 g2^2 = (0.02875, 0.49)
        Arguments.of("rmsprop", (Supplier<Optimizer>) () -> new RmsProp(0.1, 0.9, EPS), new double[] {
            1 - 0.1 * 0.5 / (Math.sqrt(0.025) + EPS) - 0.1 * 0.25 / (Math.sqrt(0.02875) + EPS),
            -2 + 0.1 * 1 / (Math.sqrt(0.1) + EPS) - 0.1 * 2 / (0.7 + EPS)}));
  }

  private static double[] twoSteps(Optimizer o) {
    double[] w = {1.0, -2.0};
    o.step(w, G1);
    o.step(w, G2);
    return w;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void twoStepsMatchTheHandWorkedValues(String name, Supplier<Optimizer> rule, double[] expected) {
    assertArrayEquals(expected, twoSteps(rule.get()), 1e-12);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void resetAndCopyStartFromNoState(String name, Supplier<Optimizer> rule, double[] expected) {
    Optimizer used = rule.get();
    twoSteps(used);
    Optimizer copy = used.copy();
    assertArrayEquals(expected, twoSteps(copy), 1e-12, "copy of a used optimizer");
    used.reset();
    assertArrayEquals(expected, twoSteps(used), 1e-12, "after reset");
  }

  /** A fresh optimizer that takes up the state after step 1 takes step 2 as the original would. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void aRestoredSnapshotContinuesWithTheSameStep(String name, Supplier<Optimizer> rule, double[] expected) {
    Optimizer first = rule.get();
    assertTrue(first.snapshot().values().length == 0, "no state before the first step");
    double[] w = {1.0, -2.0};
    first.step(w, G1);
    OptimizerState after1 = first.snapshot();
    Optimizer second = rule.get();
    second.restore(after1);
    assertEquals(after1, second.snapshot());
    second.step(w, G2);
    assertArrayEquals(expected, w, 1e-12);
    assertEquals(after1, first.snapshot(), "a snapshot is a copy, not a view");
  }

  @Test
  void aStateOfAnotherKindIsRefused() {
    OptimizerState odd = new OptimizerState(1, new double[3]);
    assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 0.9, 0.999, EPS).restore(odd));
    assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1).restore(odd));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void specBuildsTheRuleWithItsHyperparameters(String name, Supplier<Optimizer> rule, double[] expected) {
    RunSpec spec = RunSpec.LAB.with(Map.of("optimizer", name, "lr", 0.1, "momentum", 0.9, "beta1", 0.9,
        "beta2", 0.999, "epsilon", EPS, "rho", 0.9));
    assertArrayEquals(expected, twoSteps(Optimizers.create(spec)), 1e-12);
  }

  @Test
  void stateSizedForOneVectorRejectsAnother() {
    Optimizer adam = new Adam(0.1, 0.9, 0.999, EPS);
    adam.step(new double[2], new double[2]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> adam.step(new double[3], new double[3]));
    assertTrue(e.getMessage().contains("[2]"), e.getMessage());
  }
}
