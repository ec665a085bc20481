package rnnlab.spec;

/**
 * One thing wrong with a user's input, as a value: which key or option it concerns, what is wrong, and
 * where it was found when that is known. It travels from the run spec to the sweep parser to the command
 * line, which only formats it.
 *
 * @param key     the spec key, sweep-file key or command-line option it concerns; empty when none
 * @param message what is wrong and what was expected
 * @param file    the file it was found in as the user named it, or null
 * @param line    1-based line in {@code file}, or 0 when not known
 */
public record Problem(String key, String message, String file, int line) {

  public Problem {
    key = key == null ? "" : key;
  }

  /** A problem with {@code key} found in no file. */
  public static Problem of(String key, String message) {
    return new Problem(key, message, null, 0);
  }

  /** A problem with the file {@code file} itself (no line, no key). */
  public static Problem inFile(Object file, String message) {
    return new Problem("", message, file.toString(), 0);
  }

  /** This problem about {@code newKey} instead. */
  public Problem withKey(String newKey) {
    return new Problem(newKey, message, file, line);
  }

  /** The file and line ({@code file:line: }, {@code file: }) or nothing when no file is known. */
  public String where() {
    if (file == null) {
      return "";
    }
    return file + (line > 0 ? ":" + line : "") + ": ";
  }

  /** {@code file:line: key: message}, leaving out what is not known. */
  @Override
  public String toString() {
    return where() + (key.isEmpty() ? "" : key + ": ") + message;
  }
}
