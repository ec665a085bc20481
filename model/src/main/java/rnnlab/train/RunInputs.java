package rnnlab.train;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import rnnlab.npy.Npy;
import rnnlab.npy.NpyData;
import rnnlab.spec.BadInputException;
import rnnlab.spec.NdArray;
import rnnlab.spec.Problem;
import rnnlab.spec.RunSpec;
import rnnlab.spec.SequenceSet;

/**
 * What a run reads from a user's folders, read once, before training: its training set ({@code data}), an
 * optional held-out set from the same folder ({@code X_test.npy}, {@code y_test.npy}) and its initial weights
 * ({@code init_weights}, every {@code NAME.npy} of the folder). A sweep's driver reads them through Hadoop's
 * file systems and sends them to the tasks, which never open a user's path.
 *
 * <p>Reading <b>pins</b> the spec to the content: {@code data} and {@code init_weights} become
 * {@code LOCATION@sha256:DIGEST} (see {@link RunSpec#PIN}), a digest of the arrays read, so a run's id covers
 * its data, not the path (files that change give new runs). A value pinned already is checked against what
 * the folder holds now.
 *
 * @param train       the training set; null when generated
 * @param test        the held-out set of the data folder; null when generated
 * @param initWeights the initial-weight files, tensor name to array; null for random initial weights
 */
public record RunInputs(SequenceSet train, SequenceSet test, Map<String, NdArray> initWeights)
    implements Serializable {

  /** Nothing read: generated data, random initial weights. */
  public static final RunInputs NONE = new RunInputs(null, null, null);

  /** Where folders of .npy files are read from: the local disk, HDFS, ... */
  public interface Folders {

    /**
     * The bytes of {@code name} in {@code folder}, or null when there is no such file.
     *
     * @throws BadInputException naming the file when it is too large to read
     */
    byte[] read(String folder, String name) throws IOException;

    /** The names of the {@code .npy} files in {@code folder}. */
    List<String> npyFiles(String folder) throws IOException;
  }

  /** Folders on this machine's disk. */
  public static final Folders LOCAL = new Folders() {
    @Override
    public byte[] read(String folder, String name) throws IOException {
      Path file = Path.of(folder).resolve(name);
      if (!Files.isRegularFile(file)) {
        return null;
      }
      Npy.checkSize(file.toString(), Files.size(file));
      return Files.readAllBytes(file);
    }

    @Override
    public List<String> npyFiles(String folder) throws IOException {
      try (Stream<Path> files = Files.list(Path.of(folder))) {
        return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".npy")).sorted().toList();
      }
    }
  };

  /** A data folder read and pinned: the pinned value of {@code data}, and its sets. */
  public record Data(String pinned, SequenceSet train, SequenceSet test) {}

  /** An initial-weights folder read and pinned: the pinned value of {@code init_weights}, and its files. */
  public record InitWeights(String pinned, Map<String, NdArray> tensors) {}

  /** A spec pinned to its inputs' content, and those inputs. */
  public record Pinned(RunSpec spec, RunInputs inputs) {}

  /**
   * Reads and pins {@code spec}'s data and initial-weight folders from {@code folders}.
   *
   * @throws BadInputException about key {@code data} or {@code init_weights}, naming the file, when a folder
   *                           or file is missing, unreadable or malformed
   */
  public static Pinned pin(RunSpec spec, Folders folders) {
    Data data;
    try {
      data = spec.data().isEmpty() ? null : data(spec.data(), folders);
    } catch (BadInputException e) {
      throw e.about("data");
    }
    try {
      return pin(spec, data, spec.initWeights().isEmpty() ? null : weights(spec.initWeights(), folders));
    } catch (BadInputException e) {
      throw e.about("init_weights");
    }
  }

  /** {@code spec} pinned to {@code data} and {@code weights} (each null when the spec has none). */
  public static Pinned pin(RunSpec spec, Data data, InitWeights weights) {
    RunSpec pinned = spec;
    if (data != null) {
      pinned = pinned.with("data", data.pinned());
    }
    if (weights != null) {
      pinned = pinned.with("init_weights", weights.pinned());
    }
    return new Pinned(pinned, new RunInputs(data == null ? null : data.train(), data == null ? null
        : data.test(),
        weights == null ? null : weights.tensors()));
  }

  /**
   * Reads the data folder named by {@code value} (a location, maybe pinned already): {@code X.npy},
   * {@code y.npy}, optionally {@code lengths.npy}, and optionally the held-out {@code X_test.npy},
   * {@code y_test.npy} (and {@code lengths_test.npy}).
   *
   * @throws BadInputException naming the file when one is missing, unreadable or malformed, or when a pinned
   *                           value's content changed
   */
  public static Data data(String value, Folders folders) {
    String dir = RunSpec.location(value);
    Map<String, NdArray> arrays = new TreeMap<>();
    for (String name : List.of("X", "y", "lengths", "X_test", "y_test", "lengths_test")) {
      NdArray a = array(folders, dir, name + ".npy");
      if (a != null) {
        arrays.put(name, a);
      }
    }
    for (String name : List.of("X", "y")) {
      if (!arrays.containsKey(name)) {
        throw new BadInputException(Problem.inFile(file(dir, name), "missing: expected a .npy file here"));
      }
    }
    SequenceSet train = NpyData.set(dir, "", arrays.get("X"), arrays.get("y"), arrays.get("lengths"));
    SequenceSet test = null;
    if (arrays.containsKey("X_test") || arrays.containsKey("y_test")) {
      if (!arrays.containsKey("X_test") || !arrays.containsKey("y_test")) {
        throw new BadInputException(Problem.inFile(file(dir, arrays.containsKey("X_test") ? "y_test"
            : "X_test"),
            "missing: a held-out set needs both X_test.npy and y_test.npy"));
      }
      test = NpyData.set(dir, "_test", arrays.get("X_test"), arrays.get("y_test"),
          arrays.get("lengths_test"));
    }
    return new Data(pinned(value, dir, arrays), train, test);
  }

  /**
   * Reads every {@code NAME.npy} of the initial-weights folder named by {@code value}; which tensors a model
   * needs, and their shapes, are checked when the model is built.
   *
   * @throws BadInputException naming the folder or file when it is missing, empty or malformed, or when a
   *                           pinned value's content changed
   */
  public static InitWeights weights(String value, Folders folders) {
    String dir = RunSpec.location(value);
    Map<String, NdArray> tensors = new TreeMap<>();
    try {
      for (String name : folders.npyFiles(dir)) {
        NdArray a = array(folders, dir, name);
        NpyData.requireFinite(file(dir, name.substring(0, name.length() - 4)), a);
        tensors.put(name.substring(0, name.length() - 4), a);
      }
    } catch (IOException e) {
      throw new BadInputException(Problem.inFile(dir, "cannot list the initial-weights folder (" + e + ")"));
    }
    if (tensors.isEmpty()) {
      throw new BadInputException(Problem.inFile(dir,
          "no .npy files: expected the initial weights in the lab's"
          + " names (LW_11.npy, IW_11.npy, b_1.npy, LW_21.npy, b_2.npy)"));
    }
    return new InitWeights(pinned(value, dir, tensors), tensors);
  }

  /**
   * The digest of {@code arrays}: the first 16 hex digits of the SHA-256 of every name, shape and value, in
   * name order. Equal arrays give equal digests whatever their files' dtypes.
   */
  public static String digest(Map<String, NdArray> arrays) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, NdArray> e : new TreeMap<>(arrays).entrySet()) {
        sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        NdArray a = e.getValue();
        ByteBuffer buf = ByteBuffer.allocate(8 + 4 * a.shape().length + 8 * a.data().length);
        buf.putInt(0).putInt(a.shape().length);
        for (int d : a.shape()) {
          buf.putInt(d);
        }
        for (double v : a.data()) {
          buf.putLong(Double.doubleToLongBits(v));
        }
        sha.update(buf.array());
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pinned(String value, String dir, Map<String, NdArray> arrays) {
    String digest = digest(arrays);
    String was = RunSpec.content(value);
    if (was != null && !was.equals(digest)) {
      throw new BadInputException(Problem.inFile(dir,
          "its .npy files changed since the run was pinned to them"
          + " (digest " + was + ", now " + digest + "); drop '" + RunSpec.PIN + was
              + "' to train on what the folder"
          + " holds now"));
    }
    return dir + RunSpec.PIN + digest;
  }

  private static NdArray array(Folders folders, String dir, String name) {
    try {
      byte[] bytes = folders.read(dir, name);
      return bytes == null ? null : Npy.read((dir.endsWith("/") ? dir : dir + "/") + name, bytes);
    } catch (IOException e) {
      throw new BadInputException(Problem.inFile((dir.endsWith("/") ? dir : dir + "/") + name,
          "cannot be read (" + e + ")"));
    }
  }

  private static String file(String dir, String name) {
    return (dir.endsWith("/") ? dir : dir + "/") + name + ".npy";
  }
}
