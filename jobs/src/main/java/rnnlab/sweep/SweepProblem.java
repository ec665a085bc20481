package rnnlab.sweep;

/**
 * One thing wrong with a sweep file.
 *
 * @param file    the file as the user named it
 * @param line    1-based line of the offending node
 * @param key     the key it concerns (a top-level key or a spec key)
 * @param message what is wrong and what was expected
 */
public record SweepProblem(String file, int line, String key, String message) {

  @Override
  public String toString() {
    return file + ":" + line + ": " + key + ": " + message;
  }
}
