package rnnlab.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rnnlab.spec.CellType;
import rnnlab.spec.SequenceSet;
import rnnlab.spec.TrainingMode;

class MaskedBatchTest {

  @ParameterizedTest
  @EnumSource(CellType.class)
  void paddedBatchGradientIsTheMeanOfThePerSequenceGradients(CellType type) {
    Cell batchCell = GradientCheck.cell(type, 4, 3);
    double[] params = GradientCheck.randomParams(batchCell, 0.5, 3);
    SequenceSet set = GradientCheck.randomSet(new int[] {6, 3, 5, 1, 4, 2}, 8);
    int[] order = {0, 1, 2, 3, 4, 5};

    NumericModel batch = GradientCheck.model(batchCell, params, TrainingMode.MINIBATCH, set.count());
    batch.gradient(set, order, 0, set.count());
    double[] batched = batch.gradientVector().clone();

    NumericModel single = GradientCheck.model(GradientCheck.cell(type, 4, 3), params,
        TrainingMode.PER_SEQUENCE, 1);
    double[] summed = new double[batched.length];
    for (int n = 0; n < set.count(); n++) {
      single.gradient(set, order, n, 1);
      double[] g = single.gradientVector();
      for (int i = 0; i < g.length; i++) {
        summed[i] += g[i];
      }
    }
    double norm = 0;
    for (int i = 0; i < batched.length; i++) {
      assertEquals(summed[i] / set.realSteps(), batched[i], 1e-12, "parameter " + i);
      norm += batched[i] * batched[i];
    }
    assertTrue(norm > 1e-6, "gradient vanished: squared norm " + norm);
  }

  /**
   * The batched passes sum in the order of one sequence at a time: a padded batch's n2 equals each
   * sequence's own, and its gradient equals, bit for bit, the gradients of the sequences back-propagated
   * one after another into the same vector; S1 = 7 so that every blocking remainder of the kernel is hit.
   */
  @ParameterizedTest
  @EnumSource(CellType.class)
  void batchGivesTheNumbersOfOneSequenceAtATimeToTheBit(CellType type) {
    int[] lengths = {6, 3, 5, 1, 4, 2, 6};
    int batch = lengths.length;
    int steps = 6;
    Cell cell = GradientCheck.cell(type, 7, 3);
    double[] params = GradientCheck.randomParams(cell, 0.5, 5);
    SplittableRandom rng = new SplittableRandom(6);
    double[] inputs = new double[batch * steps];
    double[] dn2 = new double[batch * steps];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < lengths[b]; t++) {
        inputs[b * steps + t] = rng.nextInt(2);
        dn2[b * steps + t] = rng.nextGaussian();
      }
    }
    double[] n2 = new double[batch * steps];
    double[] grad = new double[cell.parameterCount()];
    cell.forward(params, inputs, lengths, batch, steps, n2);
    cell.backward(params, dn2, grad);

    Cell single = GradientCheck.cell(type, 7, 3);
    double[] oneByOne = new double[grad.length];
    for (int b = 0; b < batch; b++) {
      int len = lengths[b];
      double[] out = new double[len];
      single.forward(params, Arrays.copyOfRange(inputs, b * steps, b * steps + len), new int[] {len}, 1, len,
          out);
      assertArrayEquals(Arrays.copyOfRange(n2, b * steps, b * steps + len), out, 0.0, "n2 of sequence " + b);
      single.backward(params, Arrays.copyOfRange(dn2, b * steps, b * steps + len), oneByOne);
    }
    assertArrayEquals(oneByOne, grad, 0.0);
    assertTrue(Arrays.stream(grad).map(Math::abs).sum() > 1e-3, "gradient vanished");
  }
}
