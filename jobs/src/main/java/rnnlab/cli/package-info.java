/**
 * The picocli command line that {@code submit.sh} runs: one subcommand per user action, printing only
 * through picocli's writers. {@code train} and {@code dtrain} share {@link rnnlab.cli.SpecOptions}. Bad
 * input is a {@link rnnlab.spec.BadInputException}, printed by {@link rnnlab.cli.Commands} (one line per
 * problem naming the option, file and line; exit code 2; nothing written); any other exception is a bug
 * (stack trace, exit code 1). Work on Spark and stores lives in {@code rnnlab.jobs}, not here.
 */
package rnnlab.cli;
