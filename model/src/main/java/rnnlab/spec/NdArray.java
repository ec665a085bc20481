package rnnlab.spec;

import java.util.Arrays;

/**
 * A C-order (row-major) array of doubles with a shape, as a {@code .npy} file holds it.
 *
 * @param shape the dimensions; empty for a scalar
 * @param data  the values, {@code product(shape)} of them
 */
public record NdArray(int[] shape, double[] data) {

  public NdArray {
    long size = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      size *= d;
    }
    if (size != data.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
          + " values, got " + data.length);
    }
  }

  /** A 2-D array of {@code rows x cols}. */
  public static NdArray matrix(int rows, int cols, double[] data) {
    return new NdArray(new int[] {rows, cols}, data);
  }

  /** The shape as NumPy prints it, e.g. {@code (20, 1)}. */
  public String shapeText() {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      b.append(i > 0 ? ", " : "").append(shape[i]);
    }
    return b.append(shape.length == 1 ? ",)" : ")").toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NdArray other && Arrays.equals(shape, other.shape) && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "NdArray" + shapeText();
  }
}
