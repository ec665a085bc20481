package rnnlab.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;

/** A run's outcome that hyperparameter importance is computed for ({@code --metric}), named as its column. */
public enum Metric {
  TEST_ACCURACY("held-out accuracy", StoredRun::testAccuracy),
  LONG_ACCURACY("accuracy on longer sequences", StoredRun::longAccuracy),
  TRAIN_ACCURACY("training accuracy", r -> r.result().trainAccuracy()),
  FINAL_LOSS("final training loss", StoredRun::finalLoss);

  private final String words;
  private final ToDoubleFunction<StoredRun> value;

  Metric(String words, ToDoubleFunction<StoredRun> value) {
    this.words = words;
    this.value = value;
  }

  /** The column name, e.g. {@code test_accuracy}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What it is, in words. */
  public String words() {
    return words;
  }

  /** Its value for {@code run} (NaN when the run has none). */
  public double of(StoredRun run) {
    return value.applyAsDouble(run);
  }

  /**
   * The metric named {@code label}.
   *
   * @throws BadInputException naming {@code --metric} and the metrics there are
   */
  public static Metric parse(String label) {
    return Arrays.stream(values()).filter(m -> m.label().equals(label)).findFirst()
        .orElseThrow(() -> new BadInputException(Problem.of("--metric", "unknown metric " + label
            + "; metrics are "
            + Arrays.stream(values()).map(Metric::label).collect(Collectors.joining(", ")))));
  }
}
