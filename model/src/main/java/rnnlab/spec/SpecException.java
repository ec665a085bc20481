package rnnlab.spec;

import java.util.List;

/** A run spec that cannot be built: every problem, each naming its key and what was expected. */
public final class SpecException extends BadInputException {

  public SpecException(List<Problem> problems) {
    super(problems);
  }
}
