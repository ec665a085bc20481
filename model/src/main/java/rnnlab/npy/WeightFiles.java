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
    return fit(dir.toString(), tensors, template);
  }

  /**
   * The tensors of {@code template} taken from {@code files} (tensor name to the array of its
   * {@code NAME.npy} in {@code dir}), checked: every tensor there, each in its shape, every value finite.
   *
   * @throws BadInputException naming the folder and every tensor that is missing or does not fit, or the file
   *                           and index of the first NaN or infinite value
   */
  public static Weights fit(String dir, Map<String, NdArray> files, Weights template) {
    Map<String, NdArray> tensors = new LinkedHashMap<>();
    List<Problem> missing = new java.util.ArrayList<>();
    for (String name : template.tensors().keySet()) {
      String file = (dir.endsWith("/") ? dir : dir + "/") + name + ".npy";
      NdArray a = files.get(name);
      if (a == null) {
        missing.add(Problem.inFile(file, "missing: expected a .npy file here"));
      } else {
        NpyData.requireFinite(file, a);
        tensors.put(name, a);
      }
    }
    if (!missing.isEmpty()) {
      throw new BadInputException(missing);
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
