package rnnlab.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
