package rnnlab.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rnnlab.spec.BadInputException;
import rnnlab.spec.NdArray;
import rnnlab.spec.Problem;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1, 2 and 3). Reads little-endian float64,
 * float32, int64 and int32 arrays in C order, of any shape, as doubles; writes float64. Anything else is
 * refused with a message that names the file and what was expected.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /**
   * Reads {@code file}.
   *
   * @throws IOException              when it cannot be read
   * @throws BadInputException        naming the file when it is not a supported .npy array
   */
  public static NdArray read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (byte m : MAGIC) {
      if (bytes.length < 10 || buf.get() != m) {
        throw bad(file, "not a .npy file (no \\x93NUMPY magic)");
      }
    }
    int major = buf.get() & 0xff;
    buf.get();
    long headerLength;
    if (major == 1) {
      headerLength = buf.getShort() & 0xffff;
    } else if (major == 2 || major == 3) {
      headerLength = buf.getInt() & 0xffffffffL;
    } else {
      throw bad(file, "unsupported .npy format version " + major + " (expected 1, 2 or 3)");
    }
    if (buf.position() + headerLength > bytes.length) {
      throw bad(file, "truncated header");
    }
    String header = new String(bytes, buf.position(), (int) headerLength,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    buf.position(buf.position() + (int) headerLength);

    String descr = group(file, DESCR, header, "descr");
    if (group(file, FORTRAN, header, "fortran_order").equals("True")) {
      throw bad(file, "Fortran-order array; expected C order (save with np.ascontiguousarray)");
    }
    int[] shape = parseShape(file, group(file, SHAPE, header, "shape"));
    long count = 1;
    for (int d : shape) {
      count *= d;
    }
    int width = switch (descr) {
      case "<f8", "<i8" -> 8;
      case "<f4", "<i4" -> 4;
      default -> throw bad(file, "dtype '" + descr
          + "' is not supported; expected little-endian float64 ('<f8'), float32 ('<f4'), int64 or int32");
    };
    if (buf.remaining() != count * width) {
      throw bad(file, "holds " + buf.remaining() + " data bytes, expected " + count * width + " for shape "
          + new NdArray(shape, new double[(int) count]).shapeText() + " of " + descr);
    }
    double[] data = new double[(int) count];
    for (int i = 0; i < data.length; i++) {
      data[i] = switch (descr) {
        case "<f8" -> buf.getDouble();
        case "<f4" -> buf.getFloat();
        case "<i8" -> buf.getLong();
        default -> buf.getInt();
      };
    }
    return new NdArray(shape, data);
  }

  /** Writes {@code array} to {@code file} as little-endian float64 in C order (format version 1.0). */
  public static void write(Path file, NdArray array) throws IOException {
    StringBuilder h = new StringBuilder("{'descr': '<f8', 'fortran_order': False, 'shape': ")
        .append(array.shapeText()).append(", }");
    int unpadded = MAGIC.length + 2 + 2 + h.length() + 1;
    h.append(" ".repeat((64 - unpadded % 64) % 64)).append('\n');
    byte[] header = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 4 + header.length + 8 * array.data().length)
        .order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length).put(header);
    for (double v : array.data()) {
      buf.putDouble(v);
    }
    Files.write(file, buf.array());
  }

  private static String group(Path file, Pattern p, String header, String key) {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw bad(file, "header has no readable '" + key + "' entry: " + header.trim());
    }
    return m.group(1);
  }

  private static int[] parseShape(Path file, String text) {
    String[] parts = text.split(",");
    int n = 0;
    int[] shape = new int[parts.length];
    for (String part : parts) {
      String s = part.trim();
      if (s.isEmpty()) {
        continue;
      }
      try {
        shape[n++] = Integer.parseInt(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
      } catch (NumberFormatException e) {
        throw bad(file, "bad shape (" + text + ")");
      }
    }
    return java.util.Arrays.copyOf(shape, n);
  }

  private static BadInputException bad(Path file, String what) {
    return new BadInputException(Problem.inFile(file, what));
  }
}
