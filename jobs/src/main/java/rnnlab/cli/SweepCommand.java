package rnnlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rnnlab.jobs.SearchJob;
import picocli.CommandLine.Spec;
import rnnlab.jobs.SweepJob;
import rnnlab.jobs.SweepSummary;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;
import rnnlab.store.StoreLocation;
import rnnlab.sweep.Sweep;
import rnnlab.sweep.SweepFile;

/** {@code sweep FILE}: validates a sweep file, then runs its missing runs on Spark into the store. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = {"Runs a sweep on Spark: every run of FILE that OUT does not hold yet, cheap runs packed "
        + "several to a task, expensive ones alone, longest first.",
        "Rerunning the same command resumes an interrupted sweep. Spark settings (--master, --conf) are "
            + "submit.sh's."})
final class SweepCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "the sweep file (YAML), e.g. sweeps/quickstart.yaml")
  Path file;

  @Option(names = "--out", paramLabel = "DIR", description = "result store (default: results/NAME)")
  String out;

  @Option(names = "--max-runs", paramLabel = "N",
      description = "largest sweep allowed (default: ${DEFAULT-VALUE})")
  long maxRuns = SweepFile.DEFAULT_MAX_RUNS;

  @Option(names = "--write-every", paramLabel = "N",
      description = "runs per stored batch (default: from the cores and the sweep's size)")
  int writeEvery;

  @Option(names = "--wait", description = "when another sweep is writing to OUT, wait for it to finish "
      + "(default: exit 2 at once, naming it)")
  boolean wait;

  @Option(names = "--retry-failed", description = "train again the runs stored as failed (not diverged); "
      + "their new rows win, the old ones stay in the store (query: all_runs)")
  boolean retryFailed;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (writeEvery < 0) {
      throw new BadInputException(Problem.of("--write-every", "expected a number of runs >= 1, got "
          + writeEvery));
    }
    Sweep sweep = SweepFile.load(file, maxRuns);
    if (retryFailed && sweep.search().adaptive()) {
      throw new BadInputException(Problem.of("--retry-failed", "not available for a sweep with an adaptive"
          + " search (search: in " + file + ")"));
    }
    String dir = out != null ? out : Path.of("results", sweep.name()).toString();
    try {
      StoreLocation.of(dir).checkWritable();
    } catch (BadInputException e) {
      throw e.about("--out");
    }
    sweep.notices().forEach(n -> err.println("warning: " + n));
    err.println("sweep " + sweep.name() + ": " + sweep.runs().size() + " runs into " + dir);
    err.flush();
    SweepSummary summary;
    try {
      summary = sweep.search().adaptive() ? SearchJob.run(sweep, dir, wait, err)
          : SweepJob.run(sweep, dir, SweepJob.Context.of(err).batchSize(writeEvery).waitForStore(wait)
              .retryFailed(retryFailed));
    } catch (rnnlab.store.BadStoreException e) {
      throw e.about("--out");
    }
    spec.commandLine().getOut().println(summary);
    spec.commandLine().getOut().println("next: ./submit.sh report " + dir);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
