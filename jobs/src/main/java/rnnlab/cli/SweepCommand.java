package rnnlab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rnnlab.jobs.SweepJob;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;
import rnnlab.sweep.Sweep;
import rnnlab.sweep.SweepFile;

/** {@code sweep FILE}: validates a sweep file, then runs its missing runs on Spark into the store. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = {"Runs a sweep on Spark: every run of FILE that OUT does not hold yet, one run per task.",
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
    String dir = out != null ? out : Path.of("results", sweep.name()).toString();
    if (!dir.contains(":") && Files.exists(Path.of(dir)) && !Files.isDirectory(Path.of(dir))) {
      throw new BadInputException(Problem.of("--out", "expected a folder for the result store, got the file "
          + dir));
    }
    sweep.notices().forEach(n -> err.println("warning: " + n));
    err.println("sweep " + sweep.name() + ": " + sweep.runs().size() + " runs into " + dir);
    err.flush();
    try (SparkSession spark = SweepJob.session(sweep.name())) {
      SweepJob.Summary summary = SweepJob.run(spark, sweep, dir, writeEvery, err);
      spec.commandLine().getOut().println(summary);
    }
    spec.commandLine().getOut().println("next: ./submit.sh report " + dir);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
