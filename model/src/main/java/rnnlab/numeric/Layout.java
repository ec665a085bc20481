package rnnlab.numeric;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a cell's flat parameter layout: each tensor starts where the one added before it ends. Weight
 * tensors are drawn at initialisation, biases start at zero (see {@link AbstractCell#initialize}).
 */
final class Layout {

  private final List<ParamTensor> tensors = new ArrayList<>();
  private final List<ParamTensor> weights = new ArrayList<>();
  private int size;

  /** Appends a {@code rows x cols} weight tensor. */
  Layout weight(String name, int rows, int cols) {
    weights.add(append(name, rows, cols));
    return this;
  }

  /** Appends a {@code rows x 1} bias tensor. */
  Layout bias(String name, int rows) {
    append(name, rows, 1);
    return this;
  }

  private ParamTensor append(String name, int rows, int cols) {
    ParamTensor t = new ParamTensor(name, rows, cols, size);
    tensors.add(t);
    size = t.end();
    return t;
  }

  /** Every tensor, in layout order. */
  List<ParamTensor> tensors() {
    return List.copyOf(tensors);
  }

  /** The weight tensors, in layout order. */
  List<ParamTensor> weights() {
    return List.copyOf(weights);
  }

  /** Length of the flat vector so far. */
  int size() {
    return size;
  }
}
