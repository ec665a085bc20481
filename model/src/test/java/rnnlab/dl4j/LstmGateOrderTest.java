package rnnlab.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rnnlab.spec.NdArray;
import rnnlab.spec.RunSpec;
import rnnlab.spec.SequenceSet;
import rnnlab.spec.Weights;

/**
 * The lab's LSTM gate order (i, f, g, o) mapped onto DL4J's (g, f, o, i): a one-unit LSTM whose four gate
 * blocks all hold different weights, against the equations worked out step by step.
 */
class LstmGateOrderTest {

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Test
  void oneUnitLstmGivesTheLabsEquations() {
    // Rows in the lab's order i, f, g, o.
    double[] lw11 = {0.4, -0.6, 0.9, 0.2};
    double[] iw11 = {0.3, -0.7, 1.1, 0.5};
    double[] b1 = {-0.1, 1.0, 0.2, -0.3};
    double lw21 = 1.7;
    double b2 = -0.4;
    Map<String, NdArray> map = new LinkedHashMap<>();
    map.put("LW_11", NdArray.matrix(4, 1, lw11));
    map.put("IW_11", NdArray.matrix(4, 1, iw11));
    map.put("b_1", NdArray.matrix(4, 1, b1));
    map.put("LW_21", NdArray.matrix(1, 1, new double[] {lw21}));
    map.put("b_2", NdArray.matrix(1, 1, new double[] {b2}));
    Weights w = new Weights(map);
    Dl4jModel model = new Dl4jModel(RunSpec.of(Map.of("engine", "dl4j", "cell", "lstm", "hidden", 1)));
    model.setWeights(w);
    assertEquals(w, model.weights());

    double[] p = {1, 0, 1, 1};
    double[] got = model.predict(SequenceSet.single(p, new double[p.length]));
    double h = 0;
    double c = 0;
    for (int t = 0; t < p.length; t++) {
      double[] z = new double[4];
      for (int k = 0; k < 4; k++) {
        z[k] = lw11[k] * h + iw11[k] * p[t] + b1[k];
      }
      c = sigmoid(z[1]) * c + sigmoid(z[0]) * Math.tanh(z[2]);
      h = sigmoid(z[3]) * Math.tanh(c);
      assertEquals(sigmoid(lw21 * h + b2), got[t], 1e-14, "a2 at step " + t);
    }
  }
}
