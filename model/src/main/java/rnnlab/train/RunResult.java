package rnnlab.train;

import java.io.Serializable;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.spec.Weights;

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
 * @param trace          the stack trace of the error a failed run threw; empty otherwise
 * @param weights        the parameters after the last epoch run, in the lab's names and shapes (NaN or
 *                       infinite ones when diverged); null when there are none (a failed run, or one read
 *                       from a store older than schema version 3)
 */
public record RunResult(RunSpec spec, RunState state, String message, double[] lossCurve,
    double[] gradNormCurve, double trainAccuracy, double testAccuracy, double longAccuracy,
    double[] probeOutputs, int probeCorrect, int epochsRun, long wallMs, int parameterCount,
    Provenance provenance, String trace, Weights weights) implements Serializable {

  /** Most characters of a stack trace kept. */
  public static final int MAX_TRACE = 8000;

  /** A result without a stack trace or weights. */
  public RunResult(RunSpec spec, RunState state, String message, double[] lossCurve, double[] gradNormCurve,
      double trainAccuracy, double testAccuracy, double longAccuracy, double[] probeOutputs, int probeCorrect,
      int epochsRun, long wallMs, int parameterCount, Provenance provenance) {
    this(spec, state, message, lossCurve, gradNormCurve, trainAccuracy, testAccuracy, longAccuracy,
        probeOutputs, probeCorrect, epochsRun, wallMs, parameterCount, provenance, "", null);
  }

  /** This result in state {@code newState} with {@code newMessage}, all else the same. */
  public RunResult withState(RunState newState, String newMessage) {
    return new RunResult(spec, newState, newMessage, lossCurve, gradNormCurve, trainAccuracy, testAccuracy,
        longAccuracy, probeOutputs, probeCorrect, epochsRun, wallMs, parameterCount, provenance, trace,
        weights);
  }

  /** This result with provenance {@code newProvenance}, all else the same. */
  public RunResult withProvenance(Provenance newProvenance) {
    return new RunResult(spec, state, message, lossCurve, gradNormCurve, trainAccuracy, testAccuracy,
        longAccuracy, probeOutputs, probeCorrect, epochsRun, wallMs, parameterCount, newProvenance, trace,
        weights);
  }

  /** The run's stable id (see {@link RunSpec#id()}). */
  public String runId() {
    return spec.id();
  }

  /** The loss of the last epoch run, or NaN when none ran. */
  public double finalLoss() {
    return lossCurve.length == 0 ? Double.NaN : lossCurve[lossCurve.length - 1];
  }

  /** A result for a run that threw before or during training, keeping the error's stack trace. */
  public static RunResult failed(RunSpec spec, Throwable error) {
    String message = error.getClass().getSimpleName()
        + (error.getMessage() == null ? "" : ": " + error.getMessage());
    java.io.StringWriter trace = new java.io.StringWriter();
    error.printStackTrace(new java.io.PrintWriter(trace));
    String text = trace.toString();
    return new RunResult(spec, RunState.FAILED, message, new double[0], new double[0], Double.NaN,
        Double.NaN, Double.NaN, new double[0], 0, 0, 0L, 0, Provenance.now(spec.engine()),
        text.length() > MAX_TRACE ? text.substring(0, MAX_TRACE) + "\n..." : text, null);
  }
}
