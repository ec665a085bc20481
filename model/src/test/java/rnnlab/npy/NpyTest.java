package rnnlab.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.spec.NdArray;

class NpyTest {

  @TempDir
  Path dir;

  /** A .npy file as NumPy writes it: magic, version, header length, header, payload. */
  static byte[] npy(int major, String header, byte[] payload) {
    byte[] h = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
    int lenBytes = major == 1 ? 2 : 4;
    ByteBuffer b = ByteBuffer.allocate(8 + lenBytes + h.length + payload.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    if (major == 1) {
      b.putShort((short) h.length);
    } else {
      b.putInt(h.length);
    }
    return b.put(h).put(payload).array();
  }

  static String header(String descr, boolean fortran, String shape) {
    return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
        + shape + ", }";
  }

  private static ByteBuffer le(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private Path file(String name, byte[] bytes) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, bytes);
    return f;
  }

  @Test
  void float64RoundTripKeepsShapeAndEveryBit() throws IOException {
    for (int[] shape : new int[][] {{}, {3}, {2, 3}, {2, 3, 1}, {0, 4}}) {
      int n = 1;
      for (int d : shape) {
        n *= d;
      }
      double[] data = new double[n];
      for (int i = 0; i < n; i++) {
        data[i] = Math.PI * (i - 2.5) * 1e-3 + (i == 1 ? Double.MIN_VALUE : 0);
      }
      Path f = dir.resolve("a" + shape.length + "_" + n + ".npy");
      Npy.write(f, new NdArray(shape, data));
      NdArray back = Npy.read(f);
      assertArrayEquals(shape, back.shape());
      assertArrayEquals(data, back.data(), 0.0);
      assertEquals(0, (Files.size(f) - 8L * n) % 64, "header padded to a multiple of 64");
    }
  }

  @Test
  void readsFloat32Int64Int32AndVersion2() throws IOException {
    ByteBuffer f4 = le(12).putFloat(0.5f).putFloat(-1.25f).putFloat(3f);
    NdArray a = Npy.read(file("f4.npy", npy(1, header("<f4", false, "(3,)"), f4.array())));
    assertArrayEquals(new int[] {3}, a.shape());
    assertArrayEquals(new double[] {0.5, -1.25, 3}, a.data(), 0.0);

    ByteBuffer i8 = le(32).putLong(1).putLong(0).putLong(-7).putLong(1L << 40);
    NdArray b = Npy.read(file("i8.npy", npy(1, header("<i8", false, "(2, 2)"), i8.array())));
    assertArrayEquals(new int[] {2, 2}, b.shape());
    assertArrayEquals(new double[] {1, 0, -7, 1L << 40}, b.data(), 0.0);

    ByteBuffer i4 = le(8).putInt(1).putInt(0);
    NdArray c = Npy.read(file("i4.npy", npy(2, header("<i4", false, "(1, 2, 1)"), i4.array())));
    assertArrayEquals(new int[] {1, 2, 1}, c.shape());
    assertArrayEquals(new double[] {1, 0}, c.data(), 0.0);
  }

  private void assertRejected(String name, byte[] bytes, String expected) throws IOException {
    Path f = file(name, bytes);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void rejectionsNameTheFileAndTheProblem() throws IOException {
    byte[] eight = le(8).putDouble(1).array();
    assertRejected("magic.npy", "not numpy at all".getBytes(StandardCharsets.US_ASCII), "magic");
    assertRejected("short.npy", new byte[] {(byte) 0x93, 'N'}, "magic");
    assertRejected("big.npy", npy(1, header(">f8", false, "(1,)"), eight), "'>f8' is not supported");
    assertRejected("fortran.npy", npy(1, header("<f8", true, "(1,)"), eight), "Fortran");
    assertRejected("complex.npy", npy(1, header("<c16", false, "(1,)"), new byte[16]), "'<c16'");
    assertRejected("bool.npy", npy(1, header("|b1", false, "(1,)"), new byte[1]), "'|b1'");
    assertRejected("size.npy", npy(1, header("<f8", false, "(2,)"), eight), "expected 16");
    byte[] v9 = npy(1, header("<f8", false, "(1,)"), eight);
    v9[6] = 9;
    assertRejected("v9.npy", v9, "version 9");
    assertRejected("noshape.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, }", eight), "'shape'");
  }

  @Test
  void missingFileIsNamed() {
    Path f = dir.resolve("nothere.npy");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Npy.read(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
  }
}
