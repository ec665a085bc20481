package rnnlab.spec;

import java.util.List;

/** A run spec that cannot be built: every problem, each naming its key and what was expected. */
public final class SpecException extends IllegalArgumentException {

  private final List<String> problems;

  public SpecException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem on its own, in the order found. */
  public List<String> problems() {
    return problems;
  }
}
