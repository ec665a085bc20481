package rnnlab.numeric;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What every cell shares: the layout (the cell's hidden-layer tensors, then the lab's output unit
 * {@code LW_21 (1, S1)}, {@code b_2 (1, 1)}), the lab's initialisation, the output unit's forward
 * arithmetic and the batch of the last forward pass.
 */
abstract class AbstractCell implements Cell {

  /** The scale of the initial weights: each is drawn from N(0,1) times this. */
  static final double INIT_SCALE = 0.1;

  /** Hidden units. */
  final int s1;
  /** Offset of LW_21. */
  final int lw21;
  /** Offset of b_2. */
  final int b2;
  private final List<ParamTensor> tensors;
  private final List<ParamTensor> weights;

  // The batch of the last forward pass.
  double[] inputs;
  int[] lengths;
  int batch;
  int steps;

  /** A cell of {@code s1} hidden units whose hidden-layer tensors {@code hidden} holds. */
  AbstractCell(int s1, Layout hidden) {
    this.s1 = s1;
    Layout layout = hidden.weight("LW_21", 1, s1).bias("b_2", 1);
    tensors = layout.tensors();
    weights = layout.weights();
    lw21 = offset("LW_21");
    b2 = offset("b_2");
  }

  /** Offset of the tensor named {@code name}. */
  final int offset(String name) {
    return tensors.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().offset();
  }

  @Override
  public final List<ParamTensor> tensors() {
    return tensors;
  }

  @Override
  public final int parameterCount() {
    return b2 + 1;
  }

  /** {@inheritDoc} The lab's init: the weight tensors ~ N(0,1)·0.1, drawn in layout order; biases 0. */
  @Override
  public void initialize(double[] params, SplittableRandom rng) {
    Arrays.fill(params, 0.0);
    for (ParamTensor w : weights) {
      for (int i = w.offset(); i < w.end(); i++) {
        params[i] = rng.nextGaussian() * INIT_SCALE;
      }
    }
  }

  /** Keeps the batch of a forward pass for the backward pass that follows it. */
  final void keepBatch(double[] inputs, int[] lengths, int batch, int steps) {
    this.inputs = inputs;
    this.lengths = lengths;
    this.batch = batch;
    this.steps = steps;
  }

  /** The output net input {@code b_2 + LW_21 a1}, summed in that order, with a1 at {@code a[at..at+S1)}. */
  final double output(double[] p, double[] a, int at) {
    double out = p[b2];
    for (int i = 0; i < s1; i++) {
      out += p[lw21 + i] * a[at + i];
    }
    return out;
  }
}
