package rnnlab.sweep;

import java.util.List;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;

/** A sweep file that cannot be run: every problem found, in file order, each with its file and line. */
public final class SweepException extends BadInputException {

  public SweepException(List<Problem> problems) {
    super(problems.size() + " problem(s) in the sweep file:\n  "
        + String.join("\n  ", problems.stream().map(Problem::toString).toList()), problems);
  }
}
