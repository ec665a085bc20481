package rnnlab.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import rnnlab.numeric.NumericModel;
import rnnlab.spec.RunSpec;
import rnnlab.spec.SequenceSet;
import rnnlab.spec.Weights;
import rnnlab.task.ParityTask;

/**
 * Why the engine does not use DL4J's stock loss and minibatch scaling: with {@code LossBinaryXENT} and
 * {@code miniBatch(true)} DL4J's score and gradient are the sum over a batch's real steps divided by the
 * number of sequences B, where the lab takes the mean over the R real steps; they differ by R / B.
 */
class StockScalingTest {

  @Test
  void stockDl4jDividesBySequencesNotBySteps() {
    RunSpec spec = RunSpec.of(Map.of("engine", "dl4j", "mode", "minibatch", "hidden", 3, "lr", 1.0,
        "clip", "none"));
    SequenceSet set = ParityTask.generate(3, 2, 6, 2, new SplittableRandom(3));
    int[] order = {0, 1, 2};
    Batches.Batch batch = Batches.of(set, order, 0, 3);
    assertTrue(batch.mask() != null, "the batch must be padded");
    double ratio = set.realSteps() / 3.0;
    Weights w0 = NumericModel.initialWeights(spec, new SplittableRandom(5));

    Dl4jModel lab = new Dl4jModel(spec);
    lab.setWeights(w0);
    double labLoss = lab.trainEpoch(set, order).loss();
    double[] labStep = step(w0, lab.weights());

    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
        .updater(new Sgd(1.0)).list()
        .layer(new SimpleRnn.Builder().nIn(1).nOut(3).activation(Activation.TANH).build())
        .layer(new RnnOutputLayer.Builder(new LossBinaryXENT()).nIn(3).nOut(1).activation(Activation.SIGMOID)
            .build())
        .build();
    MultiLayerNetwork stock = new MultiLayerNetwork(conf);
    stock.init();
    WeightTransfer.write(w0, stock, WeightTransfer.RNN_BLOCKS);
    stock.fit(batch.features(), batch.labels(), batch.mask(), batch.mask());
    double[] stockStep = step(w0, WeightTransfer.read(stock, WeightTransfer.RNN_BLOCKS));

    // The lab's epsilon 1e-7 sits inside the logs, DL4J's clip at 1e-5 is inactive at these outputs.
    assertEquals(labLoss * ratio, stock.score(), 1e-6 * stock.score());
    for (int i = 0; i < labStep.length; i++) {
      assertEquals(labStep[i] * ratio, stockStep[i], 1e-9 * Math.abs(stockStep[i]) + 1e-15, "element " + i);
    }
  }

  private static double[] step(Weights before, Weights after) {
    double[] a = flat(before);
    double[] b = flat(after);
    for (int i = 0; i < a.length; i++) {
      a[i] -= b[i];
    }
    return a;
  }

  private static double[] flat(Weights w) {
    return w.tensors().values().stream().flatMapToDouble(x -> java.util.Arrays.stream(x.data())).toArray();
  }
}
