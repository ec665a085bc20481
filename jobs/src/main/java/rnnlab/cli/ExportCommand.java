package rnnlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rnnlab.jobs.ExportJob;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;
import rnnlab.train.RunResult;

/**
 * {@code export}: a stored run's final weights written as {@code .npy} files in the lab's names, the
 * format {@code train --init-weights} reads (see {@link ExportJob}). Nothing is written on bad input.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Writes a stored run's final weights to a folder as LW_11.npy, IW_11.npy, b_1.npy,"
        + " LW_21.npy, b_2.npy (the cells' own names for LSTM, GRU, FTDNN), for train --init-weights.",
        "Example: export 3f2a9c01d4e5b6a7 --from results/quickstart --out best-weights"})
final class ExportCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_ID", description = "the run's id (column run_id of the store)")
  private String runId;

  @Option(names = "--from", required = true, paramLabel = "RESULTS_DIR",
      description = "the result store holding the run (a path or a Hadoop URI such as hdfs://...)")
  private String from;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "the folder to write the .npy files to (created; existing files of those names replaced)")
  private Path out;

  @Override
  public Integer call() {
    List<Problem> problems = new ArrayList<>();
    Outputs.check(problems, "--out", out, true);
    Commands.check(problems);
    RunResult r = ExportJob.read(runId, from);
    try {
      Outputs.writeWeights(out, r.weights());
    } catch (IOException e) {
      throw new BadInputException(Problem.of("--out", "cannot write " + out + ": " + e.getMessage()));
    }
    PrintWriter o = spec.commandLine().getOut();
    o.printf("wrote the final weights of run %s (%s, %d epochs, test accuracy %.4f) to %s:%n", r.runId(),
        r.state().label(), r.epochsRun(), r.testAccuracy(), out);
    r.weights().tensors().forEach((name, a) -> o.println("  " + name + ".npy " + a.shapeText()));
    o.flush();
    return 0;
  }
}
