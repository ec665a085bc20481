package rnnlab.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.spec.NdArray;
import rnnlab.spec.Weights;

class WeightFilesTest {

  @TempDir
  Path dir;

  /** The lab's tensors at S1 = 2, filled with distinct values. */
  private static Weights labWeights() {
    Map<String, NdArray> m = new LinkedHashMap<>();
    m.put("LW_11", NdArray.matrix(2, 2, new double[] {0.1, 0.2, 0.3, 0.4}));
    m.put("IW_11", NdArray.matrix(2, 1, new double[] {0.5, 0.6}));
    m.put("b_1", NdArray.matrix(2, 1, new double[] {0.7, 0.8}));
    m.put("LW_21", NdArray.matrix(1, 2, new double[] {0.9, 1.0}));
    m.put("b_2", NdArray.matrix(1, 1, new double[] {1.1}));
    return new Weights(m);
  }

  @Test
  void roundTripWritesOneFilePerTensorInTheLabsShapes() throws IOException {
    Weights w = labWeights();
    WeightFiles.write(dir, w);
    assertArrayEquals(new int[] {2, 1}, Npy.read(dir.resolve("b_1.npy")).shape());
    assertArrayEquals(new int[] {1, 1}, Npy.read(dir.resolve("b_2.npy")).shape());
    assertEquals(w, WeightFiles.read(dir, w));
  }

  @Test
  void oneDimensionalBiasesAreAccepted() throws IOException {
    WeightFiles.write(dir, labWeights());
    Npy.write(dir.resolve("b_1.npy"), new NdArray(new int[] {2}, new double[] {7, 8}));
    Npy.write(dir.resolve("b_2.npy"), new NdArray(new int[] {1}, new double[] {9}));
    Weights back = WeightFiles.read(dir, labWeights());
    assertArrayEquals(new double[] {7, 8}, back.get("b_1").data());
    assertArrayEquals(new double[] {9}, back.get("b_2").data());
  }

  @Test
  void wrongShapeNamesTheTensorAndBothShapes() throws IOException {
    WeightFiles.write(dir, labWeights());
    Npy.write(dir.resolve("LW_11.npy"), NdArray.matrix(3, 3, new double[9]));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> WeightFiles.read(dir, labWeights()));
    assertTrue(e.getMessage().contains("LW_11 has shape (3, 3), expected (2, 2)"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
  }

  @Test
  void missingFileIsNamed() throws IOException {
    WeightFiles.write(dir, labWeights());
    Files.delete(dir.resolve("IW_11.npy"));
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> WeightFiles.read(dir, labWeights()));
    assertTrue(e.getMessage().contains(dir.resolve("IW_11.npy").toString()), e.getMessage());
  }
}
