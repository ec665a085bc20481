package rnnlab.cli;

import java.io.PrintWriter;
import java.util.List;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;
import rnnlab.spec.RunSpec;

/**
 * The one bad-input path of the command line: commands collect {@link Problem}s and call {@link #check},
 * or let a {@link BadInputException} from below propagate; {@link Main} prints it with {@link #report}
 * and exits with {@link Main#BAD_INPUT}. Any other exception is a bug: picocli prints its stack trace and
 * the exit code is 1.
 */
final class Commands {

  private Commands() {}

  /** @throws BadInputException with every problem in {@code problems} unless it is empty */
  static void check(List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new BadInputException(problems);
    }
  }

  /** Prints each problem of {@code e} on its own {@code error:} line and returns {@link Main#BAD_INPUT}. */
  static int report(PrintWriter err, BadInputException e) {
    e.problems().forEach(p -> err.println("error: " + render(p)));
    err.flush();
    return Main.BAD_INPUT;
  }

  /**
   * A problem as the command line says it: a spec key found on no line of a file is written as its option
   * ({@code --batch-size: expected ...}, {@code --data: DIR/X.npy: shape ...}); anything else as it is
   * ({@code sweep.yaml:3: window: expected ...}).
   */
  static String render(Problem p) {
    if (p.line() == 0 && RunSpec.keys().contains(p.key())) {
      return RunSpec.option(p.key()) + ": " + p.where() + p.message();
    }
    return p.toString();
  }
}
