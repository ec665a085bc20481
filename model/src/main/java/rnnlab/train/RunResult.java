package rnnlab.train;

import java.io.Serializable;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;

/**
 * Everything one run produced, with the spec and provenance that produced it. Both engines give results
 * of this one shape.
 *
 * @param spec           the run's full spec
 * @param state          ok, diverged or failed
 * @param message        why it diverged or failed; empty when ok
 * @param lossCurve      loss per epoch run (the last may be NaN or infinite when diverged)
 * @param gradNormCurve  mean pre-clip global gradient norm per epoch run
 * @param trainAccuracy  per-step accuracy of rounded outputs on the training set
 * @param testAccuracy   the same on the held-out set of the training length
 * @param longAccuracy   the same on the held-out set {@link RunSpec#LONG_FACTOR} times longer
 * @param probeOutputs   a2 at each step of the lab's probe sequence
 * @param probeCorrect   how many probe steps round to their target
 * @param epochsRun      epochs completed (fewer than asked when diverged)
 * @param wallMs         training time alone: no start-up, data generation or evaluation
 * @param parameterCount trainable parameters
 * @param provenance     what produced it
 */
public record RunResult(RunSpec spec, RunState state, String message, double[] lossCurve,
    double[] gradNormCurve, double trainAccuracy, double testAccuracy, double longAccuracy,
    double[] probeOutputs, int probeCorrect, int epochsRun, long wallMs, int parameterCount,
    Provenance provenance) implements Serializable {

  /** The run's stable id (see {@link RunSpec#id()}). */
  public String runId() {
    return spec.id();
  }

  /** The loss of the last epoch run, or NaN when none ran. */
  public double finalLoss() {
    return lossCurve.length == 0 ? Double.NaN : lossCurve[lossCurve.length - 1];
  }

  /** A result for a run that threw before or during training. */
  public static RunResult failed(RunSpec spec, Throwable error) {
    String message = error.getClass().getSimpleName()
        + (error.getMessage() == null ? "" : ": " + error.getMessage());
    return new RunResult(spec, RunState.FAILED, message, new double[0], new double[0], Double.NaN,
        Double.NaN, Double.NaN, new double[0], 0, 0, 0L, 0, Provenance.now(spec.engine()));
  }
}
