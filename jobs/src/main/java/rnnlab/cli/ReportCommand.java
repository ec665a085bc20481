package rnnlab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rnnlab.jobs.ReportJob;
import rnnlab.jobs.StoreTables;
import rnnlab.report.Criterion;
import rnnlab.report.Metric;

/** {@code report}: the HTML report of one or more result stores (see {@link ReportJob}). */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Writes index.html (charts beside it) and summary.md for result stores, and prints the"
        + " headline table. Several stores are merged."})
final class ReportCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "RESULTS_DIR",
      description = "result stores (OUT folders of sweeps): paths or URIs such as hdfs://host:port/dir")
  private List<String> dirs;

  @Option(names = "--out", paramLabel = "DIR", description = "local folder for the report (default:"
      + " RESULTS_DIR/report of the first store when it is local, else report/NAME in the working folder)")
  private Path out;

  @Option(names = "--threshold", defaultValue = "0.99",
      description = "held-out accuracy a run must reach to count as solved (default: ${DEFAULT-VALUE})")
  private double threshold;

  @Option(names = "--seed-fraction", defaultValue = "0.5",
      description = "fraction of a setting's seeds that must be solved (default: ${DEFAULT-VALUE})")
  private double seedFraction;

  @Option(names = "--group-by", split = ",", paramLabel = "KEY", defaultValue = "cell,window",
      description = "spec keys to group loss curves and best runs by (default: ${DEFAULT-VALUE})")
  private List<String> groupBy;

  @Option(names = "--metric", defaultValue = "test_accuracy", paramLabel = "METRIC",
      description = "what hyperparameter importance is computed for: test_accuracy, long_accuracy,"
          + " train_accuracy or final_loss (default: ${DEFAULT-VALUE})")
  private String metric;

  @Override
  public Integer call() {
    StoreTables.check(dirs);
    ReportJob.Options options = new ReportJob.Options(dirs,
        out != null ? out : ReportJob.defaultOut(dirs.get(0)),
        new Criterion(threshold, seedFraction), groupBy, Metric.parse(metric));
    ReportJob.run(options, spec.commandLine().getOut());
    return 0;
  }
}
