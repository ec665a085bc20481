package rnnlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rnnlab.jobs.QueryJob;
import rnnlab.jobs.StoreTables;
import rnnlab.report.Table;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;

/**
 * {@code query}: Spark SQL over result stores, tables {@code runs} and {@code curves} (see {@link QueryJob}).
 */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = {"Runs Spark SQL over result stores (tables runs and curves) and prints the answer, or"
        + " writes it as CSV.", "Example: query out \"SELECT cell, window, avg(test_accuracy) FROM runs"
        + " GROUP BY cell, window ORDER BY cell, window\""})
final class QueryCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(arity = "2..*", paramLabel = "RESULTS_DIR... SQL",
      description = "one or more result stores, then the query")
  private List<String> args;

  @Option(names = "--csv", paramLabel = "FILE", description = "write the whole answer to FILE as CSV")
  private Path csv;

  @Option(names = "--limit", defaultValue = "1000",
      description = "most rows printed (default: ${DEFAULT-VALUE}; 0 for all; CSV gets all)")
  private int limit;

  @Override
  public Integer call() throws IOException {
    List<Path> dirs = args.subList(0, args.size() - 1).stream().map(Path::of).toList();
    String sql = args.get(args.size() - 1);
    if (limit < 0) {
      throw new BadInputException(Problem.of("--limit", "expected an integer >= 0, got " + limit));
    }
    StoreTables.check(dirs);
    Table answer = QueryJob.run(dirs, sql, csv == null ? limit : 0);
    QueryJob.write(answer, csv, spec.commandLine().getOut());
    return 0;
  }
}
