package rnnlab.report;

/**
 * A chart asked for with no finite value to put on it (every run failed, or only NaN accuracies): the
 * report says so under "Not drawn" instead of failing. Any other error drawing a chart is a bug.
 */
public final class NothingToDrawException extends RuntimeException {

  public NothingToDrawException(String message) {
    super(message);
  }
}
