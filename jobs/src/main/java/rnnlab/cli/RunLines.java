package rnnlab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunState;
import rnnlab.task.Tasks;
import rnnlab.train.Evaluation;
import rnnlab.train.RunResult;

/** What {@code train} and {@code dtrain} print about a run: progress while it trains, then a summary. */
final class RunLines {

  private RunLines() {}

  /** Prints the epoch, loss, elapsed and remaining time to {@code err}, at most twice a second. */
  static ProgressListener progress(PrintWriter err) {
    long[] lastPrint = {Long.MIN_VALUE};
    return (epoch, epochs, stats, elapsedMs) -> {
      long now = System.nanoTime();
      if (epoch == epochs || lastPrint[0] == Long.MIN_VALUE || now - lastPrint[0] > 500_000_000L) {
        lastPrint[0] = now;
        double left = elapsedMs / 1000.0 / epoch * (epochs - epoch);
        err.printf(Locale.ROOT, "epoch %d/%d  loss %.4e  elapsed %.1f s  left ~%.1f s%n", epoch, epochs,
            stats.loss(), elapsedMs / 1000.0, left);
        err.flush();
      }
    };
  }

  /**
   * One line: the run's id and state, and when ok its loss, accuracies, probe (correct of the probe's steps
   * that have a target) and time.
   */
  static String summary(RunResult r) {
    String head = "run " + r.runId() + ": state " + r.state().label();
    if (r.state() != RunState.OK) {
      return head + " (" + r.message() + ")";
    }
    return head + String.format(Locale.ROOT, ", final loss %.4e, accuracy train %.4f test %.4f long %.4f,"
        + " probe %d/%d, %d epochs in %d ms", r.finalLoss(), r.trainAccuracy(), r.testAccuracy(),
        r.longAccuracy(), r.probeCorrect(), Evaluation.scoredSteps(Tasks.probe(r.spec())), r.epochsRun(),
        r.wallMs());
  }
}
