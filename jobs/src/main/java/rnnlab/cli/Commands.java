package rnnlab.cli;

import picocli.CommandLine.Model.CommandSpec;

/** What the commands share: reporting bad input. */
final class Commands {

  private Commands() {}

  /** Prints {@code e}'s message as an error of {@code spec}'s command and returns {@link Main#BAD_INPUT}. */
  static int badInput(CommandSpec spec, IllegalArgumentException e) {
    spec.commandLine().getErr().println("error: " + e.getMessage());
    spec.commandLine().getErr().flush();
    return Main.BAD_INPUT;
  }
}
