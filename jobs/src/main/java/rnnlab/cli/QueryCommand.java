package rnnlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rnnlab.jobs.QueryJob;
import rnnlab.jobs.QuerySession;
import rnnlab.jobs.StoreTables;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;

/**
 * {@code query}: Spark SQL over result stores, tables {@code runs} (the newest row of each run),
 * {@code all_runs} and {@code curves} (see {@link QueryJob}); without SQL, a session ({@link QuerySession}).
 */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = {"Runs Spark SQL over result stores (tables runs, all_runs, curves) and prints the answer;"
        + " without SQL, opens a session that reads statements (ending with ';') and .help-style commands.",
        "Example: query out \"SELECT cell, window, avg(test_accuracy) FROM runs GROUP BY cell, window"
        + " ORDER BY cell, window\""})
final class QueryCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "RESULTS_DIR... [SQL]",
      description = "one or more result stores, then the query (a session when there is none)")
  private List<String> args;

  @Option(names = "--format", paramLabel = "F", defaultValue = "table",
      description = "table, csv, json or markdown (default: ${DEFAULT-VALUE})")
  private String format;

  @Option(names = "--csv", paramLabel = "FILE", description = "write the whole answer to FILE as CSV")
  private Path csv;

  @Option(names = "--limit", defaultValue = "1000",
      description = "most rows printed (default: ${DEFAULT-VALUE}; 0 for all; CSV gets all)")
  private int limit;

  @Override
  public Integer call() throws IOException {
    String last = args.get(args.size() - 1);
    boolean session = args.size() == 1 || !isQuery(last);
    List<String> dirs = List.copyOf(session ? args : args.subList(0, args.size() - 1));
    if (limit < 0) {
      throw new BadInputException(Problem.of("--limit", "expected an integer >= 0, got " + limit));
    }
    QueryJob.Format f = QueryJob.Format.parse(format, "--format");
    StoreTables.check(dirs);
    if (session) {
      if (csv != null) {
        throw new BadInputException(Problem.of("--csv", "a session writes CSV with .csv FILE"));
      }
      return QuerySession.run(dirs, f, limit, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    QueryJob.Answer answer = QueryJob.run(dirs, last, csv == null ? limit : 0);
    QueryJob.write(answer, f, csv, spec.commandLine().getOut());
    return 0;
  }

  /** True when the last argument is a query: it has a space and is no folder. */
  private static boolean isQuery(String arg) {
    return arg.strip().matches("(?s).*\\s.*") && !Files.isDirectory(Path.of(arg));
  }
}
