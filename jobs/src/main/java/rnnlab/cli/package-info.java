/**
 * The picocli command line that {@code submit.sh} runs: one subcommand per user action. Bad input exits
 * with code 2 and a message naming the option or file; nothing is written.
 */
package rnnlab.cli;
