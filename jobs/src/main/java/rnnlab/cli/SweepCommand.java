package rnnlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rnnlab.jobs.SearchJob;
import rnnlab.jobs.SweepJob;
import rnnlab.sweep.Sweep;
import rnnlab.sweep.SweepException;
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

  @Option(names = "--max-runs", paramLabel = "N", description = "largest sweep allowed (default: ${DEFAULT-VALUE})")
  long maxRuns = SweepFile.DEFAULT_MAX_RUNS;

  @Option(names = "--write-every", paramLabel = "N",
      description = "runs per stored batch (default: from the cores and the sweep's size)")
  int writeEvery;

  @Override
  public Integer call() {
    if (writeEvery < 0) {
      System.err.println("error: --write-every: expected a number of runs >= 1, got " + writeEvery);
      return Main.BAD_INPUT;
    }
    Sweep sweep;
    try {
      sweep = SweepFile.load(file, maxRuns);
    } catch (SweepException e) {
      System.err.println("error: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    String dir = out != null ? out : Path.of("results", sweep.name()).toString();
    if (!dir.contains(":") && java.nio.file.Files.exists(Path.of(dir))
        && !java.nio.file.Files.isDirectory(Path.of(dir))) {
      System.err.println("error: --out: expected a folder for the result store, got the file " + dir);
      return Main.BAD_INPUT;
    }
    System.err.println("sweep " + sweep.name() + ": " + sweep.runs().size() + " runs into " + dir);
    try (SparkSession spark = SweepJob.session(sweep.name())) {
      if (sweep.search().adaptive()) {
        System.out.println(SearchJob.run(spark, sweep, dir, System.err));
      } else {
        System.out.println(SweepJob.run(spark, sweep, dir, writeEvery, System.err));
      }
    }
    System.out.println("next: ./submit.sh report " + dir);
    return 0;
  }
}
