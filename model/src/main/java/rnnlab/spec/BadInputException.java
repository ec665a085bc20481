package rnnlab.spec;

import java.util.List;

/**
 * Input a user can fix: a flag, a spec value, a sweep file, a data or weight file, a result folder. It
 * carries every {@link Problem} found. Only this exception means bad input (exit code 2 on the command
 * line, nothing written); any other exception is a bug and keeps its stack trace.
 */
public class BadInputException extends IllegalArgumentException {

  private final List<Problem> problems;

  /** Bad input with every problem in {@code problems} (at least one). */
  public BadInputException(List<Problem> problems) {
    this(joined(problems), problems);
  }

  /** Bad input with one problem. */
  public BadInputException(Problem problem) {
    this(List.of(problem));
  }

  /** Bad input with the message {@code message} summarising {@code problems}. */
  protected BadInputException(String message, List<Problem> problems) {
    super(message);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("bad input needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Each problem on its own, in the order found. */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * The same problems, those without a key now about {@code key}: how a caller that knows which option
   * named a file (say {@code data}) tells it to a reader that only knows the file.
   */
  public BadInputException about(String key) {
    return new BadInputException(problems.stream().map(p -> p.key().isEmpty() ? p.withKey(key) : p).toList());
  }

  private static String joined(List<Problem> problems) {
    return String.join("; ", problems.stream().map(Problem::toString).toList());
  }
}
