package rnnlab.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import rnnlab.spec.CellType;
import rnnlab.spec.NdArray;
import rnnlab.spec.Weights;

/**
 * Moves parameters between the lab's names and a two-layer DL4J network's param table (layer 0 the
 * recurrent layer, layer 1 the {@code RnnOutputLayer}). DL4J multiplies row vectors from the right
 * ({@code x W + h RW + b}), the lab column vectors from the left, so every tensor is the other's transpose:
 *
 * <pre>
 *   lab                 DL4J
 *   LW_11 (G*S1, S1)    0_RW [S1, G*S1]
 *   IW_11 (G*S1, 1)     0_W  [1, G*S1]
 *   b_1   (G*S1, 1)     0_b  [1, G*S1]
 *   LW_21 (1, S1)       1_W  [S1, 1]
 *   b_2   (1, 1)        1_b  [1, 1]
 * </pre>
 *
 * G = 1 for the Elman RNN. For the LSTM (G = 4) the lab stacks the gate blocks of S1 rows as
 * <b>i, f, g, o</b> (input gate, forget gate, cell candidate, output gate); DL4J's {@code LSTM} stacks its
 * column blocks as <b>g, f, o, i</b> (its {@code LSTMHelpers}: block 0 the "input activations" through the
 * layer's tanh, 1 the forget gate, 2 the output gate, 3 the "input modulation gate", all gates sigmoid).
 * So lab block i goes to DL4J block 3, f to 1, g to 0, o to 2.
 */
public final class WeightTransfer {

  /** DL4J column block of each lab row block, for the Elman RNN. */
  static final int[] RNN_BLOCKS = {0};

  /** DL4J column block of each lab row block (lab order i, f, g, o; DL4J order g, f, o, i). */
  static final int[] LSTM_BLOCKS = {3, 1, 0, 2};

  private record Pairing(String lab, String dl4j, boolean gated) {}

  private static final List<Pairing> PAIRINGS = List.of(new Pairing("LW_11", "0_RW", true),
      new Pairing("IW_11", "0_W", true), new Pairing("b_1", "0_b", true),
      new Pairing("LW_21", "1_W", false), new Pairing("b_2", "1_b", false));

  private WeightTransfer() {}

  /** The gate block map of {@code cell}. */
  static int[] blocks(CellType cell) {
    return switch (cell) {
      case RNN -> RNN_BLOCKS;
      case LSTM -> LSTM_BLOCKS;
      case GRU, FTDNN -> throw Networks.unsupported(cell);
    };
  }

  /**
   * The network's parameters under the lab's names and shapes.
   *
   * @param blocks DL4J column block of each lab gate block ({@link #RNN_BLOCKS} or {@link #LSTM_BLOCKS})
   */
  static Weights read(MultiLayerNetwork net, int[] blocks) {
    Map<String, NdArray> map = new LinkedHashMap<>();
    for (Pairing p : PAIRINGS) {
      double[][] d = asMatrix(net.getParam(p.dl4j)).toDoubleMatrix();
      int[] order = p.gated ? blocks : RNN_BLOCKS;
      int rows = d[0].length;
      int cols = d.length;
      int blockRows = rows / order.length;
      double[] m = new double[rows * cols];
      for (int k = 0; k < order.length; k++) {
        for (int i = 0; i < blockRows; i++) {
          int col = order[k] * blockRows + i;
          for (int j = 0; j < cols; j++) {
            m[(k * blockRows + i) * cols + j] = d[j][col];
          }
        }
      }
      map.put(p.lab, NdArray.matrix(rows, cols, m));
    }
    return new Weights(map);
  }

  /**
   * Sets the network's parameters from the lab's; {@code weights} must fit {@link #read} of the same net
   * (the caller checks with {@link Weights#misfits}).
   *
   * @param net modified: every parameter is assigned
   */
  static void write(Weights weights, MultiLayerNetwork net, int[] blocks) {
    for (Pairing p : PAIRINGS) {
      INDArray target = net.getParam(p.dl4j);
      INDArray matrix = asMatrix(target);
      int rows = (int) matrix.size(1);
      int cols = (int) matrix.size(0);
      int[] order = p.gated ? blocks : RNN_BLOCKS;
      int blockRows = rows / order.length;
      double[] m = weights.get(p.lab).data();
      double[][] d = new double[cols][rows];
      for (int k = 0; k < order.length; k++) {
        for (int i = 0; i < blockRows; i++) {
          int col = order[k] * blockRows + i;
          for (int j = 0; j < cols; j++) {
            d[j][col] = m[(k * blockRows + i) * cols + j];
          }
        }
      }
      net.setParam(p.dl4j, Nd4j.create(d).castTo(DataType.DOUBLE).reshape(target.shape()));
    }
  }

  /** A parameter as a matrix: biases are kept as vectors {@code [n]}, seen here as {@code [1, n]}. */
  private static INDArray asMatrix(INDArray param) {
    return param.rank() == 1 ? param.reshape(1, param.length()) : param;
  }
}
