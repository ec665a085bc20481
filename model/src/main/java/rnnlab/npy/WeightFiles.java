package rnnlab.npy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rnnlab.spec.BadInputException;
import rnnlab.spec.NdArray;
import rnnlab.spec.Problem;
import rnnlab.spec.Weights;

/** Weights as a folder of {@code .npy} files, one per tensor, named as the lab names its attributes. */
public final class WeightFiles {

  private WeightFiles() {}

  /**
   * Reads {@code NAME.npy} from {@code dir} for every tensor of {@code template}, checking each shape
   * against the template's.
   *
   * @throws UncheckedIOException     when a file is missing or unreadable (naming it)
   * @throws BadInputException        naming the folder and every file whose shape does not fit
   */
  public static Weights read(Path dir, Weights template) {
    Map<String, NdArray> tensors = new LinkedHashMap<>();
    for (String name : template.tensors().keySet()) {
      try {
        tensors.put(name, NpyData.readRequired(dir.resolve(name + ".npy")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Weights w = new Weights(tensors);
    List<String> problems = w.misfits(template);
    if (!problems.isEmpty()) {
      throw new BadInputException(Problem.inFile(dir, String.join("; ", problems)));
    }
    return w;
  }

  /** Writes every tensor of {@code weights} to {@code dir/NAME.npy} as float64. */
  public static void write(Path dir, Weights weights) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, NdArray> e : weights.tensors().entrySet()) {
      Npy.write(dir.resolve(e.getKey() + ".npy"), e.getValue());
    }
  }
}
