package rnnlab.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.spec.NdArray;
import rnnlab.spec.SequenceSet;
import rnnlab.task.ParityTask;

class NpyDataTest {

  @TempDir
  Path dir;

  @Test
  void uniformSetRoundTripsWithoutLengthsFile() throws IOException {
    SequenceSet s = ParityTask.generate(7, 5, 5, 3, new SplittableRandom(2));
    NpyData.write(dir, s);
    assertArrayEquals(new int[] {7, 5, 1}, Npy.read(dir.resolve("X.npy")).shape());
    assertTrue(!dir.resolve("lengths.npy").toFile().exists());
    SequenceSet back = NpyData.read(dir);
    assertArrayEquals(s.inputs(), back.inputs());
    assertArrayEquals(s.targets(), back.targets());
    assertArrayEquals(s.lengths(), back.lengths());
  }

  @Test
  void variableLengthsRoundTripThroughLengthsNpy() throws IOException {
    SequenceSet s = ParityTask.generate(9, 2, 6, 2, new SplittableRandom(3));
    NpyData.write(dir, s);
    assertArrayEquals(new int[] {9}, Npy.read(dir.resolve("lengths.npy")).shape());
    SequenceSet back = NpyData.read(dir);
    assertArrayEquals(s.lengths(), back.lengths());
    assertArrayEquals(s.inputs(), back.inputs());
    assertArrayEquals(s.targets(), back.targets());
  }

  @Test
  void twoDimensionalArraysAreAccepted() throws IOException {
    Npy.write(dir.resolve("X.npy"), NdArray.matrix(2, 3, new double[] {1, 0, 1, 0, 0, 1}));
    Npy.write(dir.resolve("y.npy"), NdArray.matrix(2, 3, new double[] {0, 0, 1, 1, 1, 0}));
    SequenceSet s = NpyData.read(dir);
    assertEquals(2, s.count());
    assertEquals(3, s.maxLength());
    assertArrayEquals(new double[] {0, 0, 1, 1, 1, 0}, s.targets());
  }

  private void assertBad(String file, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpyData.read(dir));
    assertTrue(e.getMessage().contains(dir.resolve(file).toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void rejectsTargetsOtherThanZeroAndOne() throws IOException {
    Npy.write(dir.resolve("X.npy"), new NdArray(new int[] {1, 3, 1}, new double[] {1, 0, 1}));
    Npy.write(dir.resolve("y.npy"), new NdArray(new int[] {1, 3, 1}, new double[] {0, 0.5, 1}));
    assertBad("y.npy", "only 0 and 1");
  }

  @Test
  void rejectsShapes() throws IOException {
    Npy.write(dir.resolve("X.npy"), new NdArray(new int[] {1, 3, 2}, new double[6]));
    Npy.write(dir.resolve("y.npy"), new NdArray(new int[] {1, 3, 2}, new double[6]));
    assertBad("X.npy", "expected (N, T, 1)");
    Npy.write(dir.resolve("X.npy"), new NdArray(new int[] {1, 3, 1}, new double[3]));
    Npy.write(dir.resolve("y.npy"), new NdArray(new int[] {1, 4, 1}, new double[4]));
    assertBad("y.npy", "expected the shape of X.npy (1, 3, 1)");
    Npy.write(dir.resolve("y.npy"), new NdArray(new int[] {1, 3, 1}, new double[3]));
    Npy.write(dir.resolve("lengths.npy"), new NdArray(new int[] {2}, new double[] {1, 1}));
    assertBad("lengths.npy", "expected (1,)");
    Npy.write(dir.resolve("lengths.npy"), new NdArray(new int[] {1}, new double[] {4}));
    assertBad("lengths.npy", "expected an integer in 1..3");
  }

  @Test
  void missingFileIsNamed() throws IOException {
    Npy.write(dir.resolve("X.npy"), new NdArray(new int[] {1, 3, 1}, new double[3]));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> NpyData.read(dir));
    assertTrue(e.getMessage().contains(dir.resolve("y.npy").toString()), e.getMessage());
  }
}
