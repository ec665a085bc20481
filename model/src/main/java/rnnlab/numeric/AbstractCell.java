package rnnlab.numeric;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What every cell shares: the layout (the cell's hidden-layer tensors, then the lab's output unit
 * {@code LW_21 (1, S1)}, {@code b_2 (1, 1)}), the lab's initialisation, the output unit's forward and
 * backward arithmetic, the batch of the last forward pass, and the loops over a padded batch that
 * {@link #forward} and {@link #backward} run, each cell supplying one step.
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

  /** {@inheritDoc} Keeps the batch and calls {@link #step} for every real step. */
  @Override
  public final void forward(double[] p, double[] inputs, int[] lengths, int batch, int steps,
      double[] n2) {
    this.inputs = inputs;
    this.lengths = lengths;
    this.batch = batch;
    this.steps = steps;
    reserve(batch, steps);
    for (int b = 0; b < batch; b++) {
      int len = lengths[b];
      for (int t = 0; t < steps; t++) {
        int at = b * steps + t;
        n2[at] = t < len ? step(p, b, t, at) : 0;
      }
    }
  }

  /** Grows the forward-pass buffers to hold a batch of {@code batch} sequences of {@code steps} steps. */
  abstract void reserve(int batch, int steps);

  /**
   * Runs step t of sequence b (at {@code at} in the batch layout) forward, keeping what the backward pass
   * needs, and returns n2. Steps come in order, t = 0 first: there the cell starts from its zero state.
   */
  abstract double step(double[] p, int b, int t, int at);

  /**
   * {@inheritDoc} Calls {@link #beginBackward} once, then per sequence {@link #backStep} for its real steps
   * backwards and {@link #endSequence}.
   */
  @Override
  public final void backward(double[] p, double[] dn2, double[] g) {
    beginBackward(p);
    for (int b = 0; b < batch; b++) {
      int len = lengths[b];
      for (int t = len - 1; t >= 0; t--) {
        int at = b * steps + t;
        backStep(p, b, t, at, dn2[at], g);
      }
      endSequence(g, b, len);
    }
  }

  /** Prepares a backward pass over the last forward pass's batch: sizes buffers, copies weights. */
  abstract void beginBackward(double[] p);

  /**
   * Back-propagates step t of sequence b, given dL/dn2 = {@code d2} there; gradients may be added to
   * {@code g} now or at {@link #endSequence}. The sequence's later steps have been done.
   *
   * @param g modified: accumulated into
   */
  abstract void backStep(double[] p, int b, int t, int at, double d2, double[] g);

  /**
   * Adds what sequence b's steps left to add to {@code g}, and readies the next sequence.
   *
   * @param g modified: accumulated into
   */
  abstract void endSequence(double[] g, int b, int len);

  /** The output net input {@code b_2 + LW_21 a1}, summed in that order, with a1 at {@code a[at..at+S1)}. */
  final double output(double[] p, double[] a, int at) {
    double out = p[b2];
    for (int i = 0; i < s1; i++) {
      out += p[lw21 + i] * a[at + i];
    }
    return out;
  }

  /**
   * Adds one step's output-unit gradients: {@code d2} to b_2's and {@code d2 a1} to LW_21's.
   *
   * @param g modified: accumulated into
   */
  final void outputGradient(double[] g, double d2, double[] a, int at) {
    g[b2] += d2;
    for (int i = 0; i < s1; i++) {
      g[lw21 + i] += d2 * a[at + i];
    }
  }
}
