package rnnlab.numeric;

/**
 * One named parameter tensor inside a cell's flat parameter vector: a row-major {@code rows x cols}
 * block starting at {@code offset}.
 *
 * @param name   the lab's name ({@code LW_11}, {@code IW_11}, {@code b_1}, {@code LW_21}, {@code b_2})
 * @param rows   first dimension
 * @param cols   second dimension (1 for biases and for input weights with R = 1)
 * @param offset index of element (0, 0) in the flat vector
 */
public record ParamTensor(String name, int rows, int cols, int offset) {

  /** Number of elements. */
  public int size() {
    return rows * cols;
  }

  /** One past the last element's index. */
  public int end() {
    return offset + size();
  }
}
