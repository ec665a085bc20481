package rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;

/** Only bad input exits with 2; a bug exits with 1 and keeps its stack trace. */
class ExitCodeTest {

  @Command(name = "bad")
  static final class Bad implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new BadInputException(List.of(Problem.of("batch_size", "expected an integer >= 1, got 0"),
          new Problem("window", "expected an integer >= 1, got 0", "s.yaml", 3)));
    }
  }

  @Command(name = "bug")
  static final class Bug implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalArgumentException("index 7 out of range");
    }
  }

  private static String[] run(Object command, String name) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(null, null);
    cli.addSubcommand(name, command);
    cli.setErr(new PrintWriter(err, true)); // also the new subcommand's
    int code = cli.execute(name);
    return new String[] {Integer.toString(code), err.toString()};
  }

  @Test
  void badInputExits2WithOneLinePerProblemNamingOptionOrFileAndLine() {
    String[] r = run(new Bad(), "bad");
    assertEquals(Integer.toString(Main.BAD_INPUT), r[0], r[1]);
    assertEquals(List.of("error: --batch-size: expected an integer >= 1, got 0",
        "error: s.yaml:3: window: expected an integer >= 1, got 0"), r[1].lines().toList());
  }

  @Test
  void aBugExits1WithItsStackTraceEvenWhenItIsAnIllegalArgument() {
    String[] r = run(new Bug(), "bug");
    assertEquals("1", r[0], r[1]);
    assertTrue(r[1].contains("java.lang.IllegalArgumentException: index 7 out of range"), r[1]);
    assertTrue(r[1].contains("at rnnlab.cli.ExitCodeTest$Bug.call"), r[1]);
    assertFalse(r[1].contains("error: "), r[1]);
  }
}
