package rnnlab.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import rnnlab.npy.WeightFiles;
import rnnlab.spec.Problem;
import rnnlab.spec.Weights;

/**
 * Writes a command's output files whole or not at all: each is written to a temporary file next to its
 * target and then moved into place, so that a failed or interrupted run leaves no partial file.
 */
final class Outputs {

  private Outputs() {}

  /** Writes {@code bytes} to {@code file}, creating its parent folders. */
  static void write(Path file, byte[] bytes) throws IOException {
    Path target = file.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.write(tmp, bytes);
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes {@code weights} as {@code dir/NAME.npy}, one file per tensor; {@code dir} may exist. */
  static void writeWeights(Path dir, Weights weights) throws IOException {
    Path target = dir.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-");
    try {
      WeightFiles.write(tmp, weights);
      Files.createDirectories(target);
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(tmp)) {
        s.forEach(files::add);
      }
      for (Path f : files) {
        move(f, target.resolve(f.getFileName().toString()));
      }
    } finally {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(tmp)) {
        for (Path f : s) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Adds to {@code problems} what is wrong with {@code path} as an output and can be seen before any work:
   * it is an existing folder where a file is wanted ({@code wantDir} false) or an existing file where a
   * folder is wanted. Nothing when {@code path} is null (not asked for) or fine.
   */
  static void check(List<Problem> problems, String option, Path path, boolean wantDir) {
    if (path == null) {
      return;
    }
    if (!wantDir && Files.isDirectory(path)) {
      problems.add(Problem.of(option, path + " is a folder; expected a file name"));
    }
    if (wantDir && Files.exists(path) && !Files.isDirectory(path)) {
      problems.add(Problem.of(option, path + " is a file; expected a folder"));
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
