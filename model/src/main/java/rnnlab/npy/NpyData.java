package rnnlab.npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import rnnlab.spec.BadInputException;
import rnnlab.spec.NdArray;
import rnnlab.spec.Problem;
import rnnlab.spec.SequenceSet;

/**
 * A training set kept as NumPy arrays in a folder, as the lab makes it: {@code X.npy} and {@code y.npy} of
 * shape (N, T, 1) (or (N, T)), y holding only 0 and 1, and optionally {@code lengths.npy} of shape (N,)
 * giving each sequence's real length (steps past it are ignored). Writes the same layout.
 */
public final class NpyData {

  private NpyData() {}

  /**
   * Reads the set in {@code dir}.
   *
   * @throws IOException              when a file cannot be read (a missing X.npy or y.npy names it)
   * @throws BadInputException        naming the file when a shape or value is not as expected
   */
  public static SequenceSet read(Path dir) throws IOException {
    Path xFile = dir.resolve("X.npy");
    Path yFile = dir.resolve("y.npy");
    NdArray x = readRequired(xFile);
    NdArray y = readRequired(yFile);
    int[] xs = x.shape();
    if (!(xs.length == 3 && xs[2] == 1 || xs.length == 2) || xs[0] < 1 || xs[1] < 1) {
      throw new BadInputException(Problem.inFile(xFile, "shape " + x.shapeText() + ", expected (N, T, 1)"));
    }
    if (!java.util.Arrays.equals(xs, y.shape())) {
      throw new BadInputException(Problem.inFile(yFile, "shape " + y.shapeText()
          + ", expected the shape of X.npy " + x.shapeText()));
    }
    int n = xs[0];
    int steps = xs[1];
    for (int i = 0; i < y.data().length; i++) {
      double v = y.data()[i];
      if (v != 0 && v != 1) {
        throw new BadInputException(Problem.inFile(yFile, "value " + v + " at flat index " + i
            + ", expected only 0 and 1"));
      }
    }
    int[] lengths = new int[n];
    java.util.Arrays.fill(lengths, steps);
    Path lFile = dir.resolve("lengths.npy");
    double[] inputs = x.data().clone();
    double[] targets = y.data().clone();
    if (Files.exists(lFile)) {
      NdArray l = Npy.read(lFile);
      if (l.shape().length != 1 || l.shape()[0] != n) {
        throw new BadInputException(
            Problem.inFile(lFile, "shape " + l.shapeText() + ", expected (" + n + ",)"));
      }
      for (int i = 0; i < n; i++) {
        double v = l.data()[i];
        if (v != Math.rint(v) || v < 1 || v > steps) {
          throw new BadInputException(Problem.inFile(lFile, "length " + v + " of sequence " + i
              + ", expected an integer in 1.." + steps));
        }
        lengths[i] = (int) v;
        java.util.Arrays.fill(inputs, i * steps + lengths[i], (i + 1) * steps, 0.0);
        java.util.Arrays.fill(targets, i * steps + lengths[i], (i + 1) * steps, 0.0);
      }
    }
    return new SequenceSet(inputs, targets, lengths, steps);
  }

  /** Writes {@code set} to {@code dir} as X.npy and y.npy (N, T, 1), plus lengths.npy when lengths vary. */
  public static void write(Path dir, SequenceSet set) throws IOException {
    Files.createDirectories(dir);
    int[] shape = {set.count(), set.maxLength(), 1};
    Npy.write(dir.resolve("X.npy"), new NdArray(shape, set.inputs()));
    Npy.write(dir.resolve("y.npy"), new NdArray(shape, set.targets()));
    if (!set.uniformLength()) {
      double[] lengths = java.util.Arrays.stream(set.lengths()).asDoubleStream().toArray();
      Npy.write(dir.resolve("lengths.npy"), new NdArray(new int[] {set.count()}, lengths));
    }
  }

  static NdArray readRequired(Path file) throws IOException {
    try {
      return Npy.read(file);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "missing: expected a .npy file here");
    }
  }
}
