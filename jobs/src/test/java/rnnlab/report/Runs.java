package rnnlab.report;

import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.store.ResultSchema;
import rnnlab.train.Provenance;
import rnnlab.train.RunResult;

/** Hand-built results for tests: accuracies and states chosen by the test, not by training. */
public final class Runs {

  private Runs() {}

  /**
   * A result of {@code spec} with the given state and accuracies, and a 4-epoch loss curve ending at loss.
   */
  public static RunResult result(RunSpec spec, RunState state, double test, double longer, double loss) {
    double[] curve = {0.7, 0.3, Math.sqrt(0.3 * loss), loss};
    double[] grad = {1, 0.5, 0.2, 0.1};
    String message = state == RunState.OK ? "" : state == RunState.DIVERGED ? "loss became NaN in epoch 4"
        : "IllegalStateException: made up for a test";
    if (state == RunState.FAILED) {
      curve = new double[0];
      grad = new double[0];
    }
    return new RunResult(spec, state, message, curve, grad, test, test, longer, new double[] {0.9, 0.1},
        state == RunState.OK ? 2 : 0, curve.length, 1500, 100, Provenance.now(spec.engine()));
  }

  /** {@code result} as the report reads it back from a {@code runs} row. */
  public static StoredRun stored(String sweep, RunResult result) {
    Row row = ResultSchema.runRow(sweep, result);
    return StoredRun.of(ResultSchema.read(new GenericRowWithSchema(IntStream.range(0, row.size())
        .mapToObj(row::get).toArray(), ResultSchema.RUNS)));
  }
}
