package rnnlab.numeric;

/**
 * The lab's output nonlinearity and losses: a numerically stable sigmoid and binary cross-entropy in the two
 * forms the lab uses, its NumPy part's ({@link #bce}, a small epsilon inside the logs) and its PyTorch part's
 * ({@link #torchBce}, {@code nn.BCELoss}: no epsilon, each log clamped from below at -100). Both have the
 * same gradient at the output's net input, {@code a - t}; they differ only in the loss reported.
 */
public final class Losses {

  /** Epsilon inside the logs of the binary cross-entropy, as in the lab. */
  public static final double BCE_EPSILON = 1e-7;

  /** {@code nn.BCELoss} clamps each log from below at this value, so a saturated output costs at most 100. */
  public static final double TORCH_LOG_FLOOR = -100;

  /** The sigmoid's input is clipped to +-this before evaluation, as in the lab. */
  public static final double SIGMOID_CLIP = 500;

  private Losses() {}

  /**
   * {@code 1 / (1 + exp(-n))}, evaluated as {@code exp(n) / (1 + exp(n))} for negative n so that neither
   * branch overflows; n is first clipped to +-500.
   */
  public static double sigmoid(double n) {
    double c = Math.max(-SIGMOID_CLIP, Math.min(SIGMOID_CLIP, n));
    if (c >= 0) {
      return 1.0 / (1.0 + Math.exp(-c));
    }
    double e = Math.exp(c);
    return e / (1.0 + e);
  }

  /**
   * {@code -[t log(a + eps) + (1 - t) log(1 - a + eps)]} for one step. For t = 0 and t = 1 only the log
   * that counts is evaluated (bit for bit the same value: the other term is an exact zero).
   */
  public static double bce(double a, double t) {
    if (t == 1) {
      return -Math.log(a + BCE_EPSILON);
    }
    if (t == 0) {
      return -Math.log(1 - a + BCE_EPSILON);
    }
    return -(t * Math.log(a + BCE_EPSILON) + (1 - t) * Math.log(1 - a + BCE_EPSILON));
  }

  /**
   * PyTorch's {@code nn.BCELoss} for one step, the loss of the lab's PyTorch loop (minibatch mode):
   * {@code -[t max(log a, -100) + (1 - t) max(log(1 - a), -100)]}; for t = 0 and t = 1 only the log that
   * counts is evaluated.
   */
  public static double torchBce(double a, double t) {
    if (t == 1) {
      return -Math.max(Math.log(a), TORCH_LOG_FLOOR);
    }
    if (t == 0) {
      return -Math.max(Math.log(1 - a), TORCH_LOG_FLOOR);
    }
    return -(t * Math.max(Math.log(a), TORCH_LOG_FLOOR)
        + (1 - t) * Math.max(Math.log(1 - a), TORCH_LOG_FLOOR));
  }
}
