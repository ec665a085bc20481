package rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * submit.sh runs {@code demo}, {@code train}, {@code validate} and {@code --help} as plain Java, without
 * Spark's jars; picocli reflects over every command class when the command line is built, so no command
 * class may name a Spark type in a method (lambdas included) or a field: Spark work goes through the jobs.
 */
class SparkFreeStartTest {

  @Test
  void noCommandClassNamesASparkType() {
    List<String> found = new ArrayList<>();
    for (CommandLine command : commands(Main.commandLine(null, null)).toList()) {
      Class<?> type = command.getCommandSpec().userObject().getClass();
      for (Method m : type.getDeclaredMethods()) {
        Stream.concat(Stream.of(m.getReturnType()), Stream.of(m.getParameterTypes()))
            .filter(SparkFreeStartTest::isSpark)
            .forEach(t -> found.add(type.getSimpleName() + "." + m.getName() + " uses " + t.getName()));
      }
      for (Field f : type.getDeclaredFields()) {
        if (isSpark(f.getType())) {
          found.add(type.getSimpleName() + "." + f.getName() + " is a " + f.getType().getName());
        }
      }
    }
    assertEquals(List.of(), found);
  }

  private static boolean isSpark(Class<?> type) {
    return type.getName().startsWith("org.apache.spark.");
  }

  private static Stream<CommandLine> commands(CommandLine root) {
    return Stream.concat(Stream.of(root),
        root.getSubcommands().values().stream().distinct().flatMap(SparkFreeStartTest::commands));
  }
}
