package rnnlab.sweep;

import java.util.List;

/** A sweep file that cannot be run: every problem found, in file order. */
public final class SweepException extends IllegalArgumentException {

  private final List<SweepProblem> problems;

  public SweepException(List<SweepProblem> problems) {
    super(problems.size() + " problem(s) in the sweep file:\n  "
        + String.join("\n  ", problems.stream().map(SweepProblem::toString).toList()));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, ordered by line. */
  public List<SweepProblem> problems() {
    return problems;
  }
}
