package rnnlab.numeric;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A hidden layer with the lab's output unit on top ({@code n2 = LW_21 a1 + b_2}), over a flat parameter
 * vector laid out as {@link #tensors()} says. A cell belongs to one run: it keeps what its last forward pass
 * needs for the backward pass in buffers that grow to the largest batch it has seen, never shrink, and are
 * otherwise reused.
 *
 * <p>Batch layout: step {@code t} of sequence {@code b} is at {@code b * steps + t}; sequence {@code b} has
 * {@code lengths[b] <= steps} real steps and the rest is padding.
 */
public interface Cell {

  /** The parameter tensors in the order they sit in the flat vector, under the lab's names. */
  List<ParamTensor> tensors();

  /** Length of the flat parameter vector. */
  int parameterCount();

  /**
   * Floating-point operations of one time step of one sequence, forward and backward (multiply and add
   * counted apart, each nonlinearity as one), for benchmarks' GFLOP/s. The update, made once per
   * sequence or batch, is not included.
   */
  long flopsPerStep();

  /**
   * Draws initial weights.
   *
   * @param params modified: every element is set
   * @param rng    modified: advanced by the draws
   */
  void initialize(double[] params, SplittableRandom rng);

  /**
   * Runs a batch forward and writes the output net input n2 of every real step; n2 at padded steps is 0.
   * Keeps what {@link #backward} needs.
   *
   * @param n2 modified: {@code [batch * steps]}
   */
  void forward(double[] params, double[] inputs, int[] lengths, int batch, int steps, double[] n2);

  /**
   * Backpropagation through time for the last forward pass: given dL/dn2 at each step (0 at padded
   * steps), adds dL/dparams to {@code grad}.
   *
   * @param grad modified: accumulated into, not cleared
   */
  void backward(double[] params, double[] dn2, double[] grad);
}
