package rnnlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import rnnlab.spec.BadInputException;

/**
 * The {@code rnnlab} command. Usage: {@code ./submit.sh COMMAND [OPTIONS]}; {@code ./submit.sh --help}
 * lists the commands.
 */
@Command(name = "rnnlab", mixinStandardHelpOptions = true, version = "rnnlab 0.1.0",
    description = "Recurrent-network experiments at scale: the lab's runs, sweeps on Spark, reports.",
    footer = {"", "Every command also takes submit.sh's --master M (default local[*]; 'cluster' for the one"
        + " of 'cluster start') and --conf key=value (Spark settings, over conf/spark-defaults.conf).",
        "Exit codes: 0 ok, 2 bad input (nothing written), 3 a train run that diverged, 1 a bug."},
    subcommands = {DemoCommand.class, TrainCommand.class, DtrainCommand.class, ValidateCommand.class,
        SweepCommand.class, ReportCommand.class, QueryCommand.class, ExportCommand.class,
        ClusterCommand.class})
public final class Main {

  /** Exit code for bad input ({@link BadInputException}): a flag, a sweep file or a data file. */
  public static final int BAD_INPUT = 2;

  /** Exit code of {@code train} when the run's loss became NaN or infinite (state {@code diverged}). */
  public static final int DIVERGED = 3;

  /** Runs the command line and returns its exit code, without exiting. */
  public static int run(String... args) {
    return run(null, null, args);
  }

  /** As {@link #run(String...)}, printing to {@code out} and {@code err} (System's when null). */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    return commandLine(out, err).execute(args);
  }

  /**
   * The command line with its writers and exit-code rules: picocli's parse errors and a
   * {@link BadInputException} from any command are bad input; any other exception is a bug, printed with its
   * stack trace, exit code 1.
   */
  static CommandLine commandLine(java.io.PrintWriter out, java.io.PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    cli.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("error: " + ex.getMessage());
      ex.getCommandLine().getErr().println("see: " + ex.getCommandLine().getCommandSpec().qualifiedName()
          + " --help");
      return BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parsed) -> {
      if (ex instanceof BadInputException bad) {
        return Commands.report(commandLine.getErr(), bad);
      }
      throw ex; // a bug: picocli prints the stack trace and exits with 1
    });
    return cli;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }
}
