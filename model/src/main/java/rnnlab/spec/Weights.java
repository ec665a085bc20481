package rnnlab.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's parameters under the lab's names ({@code LW_11}, {@code IW_11}, {@code b_1}, {@code LW_21},
 * {@code b_2}) in the lab's shapes; both engines import and export them so that runs can start from the
 * same weights and be compared.
 *
 * @param tensors name to array, in the model's order
 */
public record Weights(Map<String, NdArray> tensors) implements java.io.Serializable {

  public Weights {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  /** The tensor called {@code name}. @throws IllegalArgumentException when there is none */
  public NdArray get(String name) {
    NdArray a = tensors.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no weight tensor '" + name + "' (have " + tensors.keySet() + ")");
    }
    return a;
  }

  /**
   * Every way these weights do not fit {@code template}: a tensor it names that is missing here, or one
   * whose shape differs. A column {@code (n, 1)} may also come as {@code (n,)}, as NumPy users often keep
   * biases. Empty when they fit.
   */
  public List<String> misfits(Weights template) {
    List<String> problems = new ArrayList<>();
    template.tensors.forEach((name, want) -> {
      NdArray have = tensors.get(name);
      if (have == null) {
        problems.add("missing tensor " + name);
      } else if (!sameShape(have.shape(), want.shape())) {
        problems.add(name + " has shape " + have.shapeText() + ", expected " + want.shapeText());
      }
    });
    return problems;
  }

  private static boolean sameShape(int[] have, int[] want) {
    if (java.util.Arrays.equals(have, want)) {
      return true;
    }
    return have.length == 1 && want.length == 2 && want[1] == 1 && have[0] == want[0];
  }
}
