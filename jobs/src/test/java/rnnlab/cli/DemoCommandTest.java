package rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @Test
  void replaysTheLabsTestRunAndPrintsTheProbe(@TempDir Path dir) throws IOException {
    Path plot = dir.resolve("loss.png");
    CliRun run = CliRun.of("demo", "--plot=" + plot);
    assertEquals(0, run.code(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals(10,
        lines.stream().filter(l -> l.matches("Epoch \\d+/10, Loss: \\d\\.\\d{4}e[-+]\\d+")).count(),
        run.out());
    int inputs = lines.indexOf("Inputs:");
    assertEquals("[[1 0 1 1 0 0 0 0 1 0 1 0 0 0 0 1 1 1 1 0 0 0]]", lines.get(inputs + 1));
    assertEquals("Outputs:", lines.get(inputs + 2));
    assertEquals(22, lines.get(inputs + 3).split(", ").length);
    assertTrue(lines.get(inputs + 3).matches("\\['\\d\\.\\d{4}e-?\\d+'(, '\\d\\.\\d{4}e-?\\d+')*]"),
        lines.get(inputs + 3));
    assertEquals("Outputs rounded to nearest integer:", lines.get(inputs + 4));
    // the lab's window-3 targets of the probe: the trained network gets every step right
    assertEquals("[0, 0, 1, 1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1]", lines.get(inputs + 5));
    assertTrue(run.out().contains("probe: 22/22"), run.out());
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(plot), 4));
  }
}
