package rnnlab.spec;

/**
 * The memory task a run learns (see {@code docs/tasks.md}). Each task has a difficulty axis, the spec key
 * whose growth makes it harder, and an output: binary tasks end in the lab's sigmoid unit and binary
 * cross-entropy, the regression task in a linear unit and squared error.
 */
public enum TaskType implements Choice {

  /** The lab's task: target 1 when the last {@code window} inputs hold an even number of ones. */
  COUNTING_ONES("window", false),
  /** The adding problem: the sum of the two marked values, at the last step; harder with {@code length}. */
  ADDING("length", true),
  /** Delayed recall: the target is the input bit of {@code delay} steps ago. */
  DELAYED_RECALL("delay", false),
  /** n-back with n = {@code delay}: the target is 1 when the input equals the one {@code delay} steps ago. */
  N_BACK("delay", false);

  /**
   * What a regression task's output may miss its target by and still count as correct: a tenth of the
   * adding problem's target range [0, 2). Always answering the mean, 1, is within it for 36% of sequences;
   * 99% of sequences within it takes an error of about 0.08 RMS (MSE below about 0.007, a 25th of that
   * constant answer's 1/6).
   */
  public static final double TOLERANCE = 0.2;

  private final String difficulty;
  private final boolean regression;

  TaskType(String difficulty, boolean regression) {
    this.difficulty = difficulty;
    this.regression = regression;
  }

  /** The spec key whose value makes the task harder as it grows: its difficulty axis. */
  public String difficulty() {
    return difficulty;
  }

  /**
   * True for a regression task (linear output, squared error, correct within {@link #TOLERANCE}); false for
   * a binary one (sigmoid output, binary cross-entropy, correct when the output rounds to the target).
   */
  public boolean regression() {
    return regression;
  }
}
