package rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep commands' exit codes and messages; no Spark is started. */
class SweepCommandsTest {

  @TempDir
  Path dir;

  /** Runs the command line and returns {exit code, stdout, stderr}. */
  private static Object[] run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Object[] {code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void validateCountsRunsAndWork() throws IOException {
    Path file = dir.resolve("ok.yaml");
    Files.writeString(file, "name: ok\nfixed: {epochs: 2, samples: 10}\ngrid: {cell: [rnn, lstm]}\n"
        + "replicates: 3\n");
    Object[] r = run("validate", file.toString());
    assertEquals(0, r[0]);
    assertTrue(((String) r[1]).contains("sweep ok, 6 runs"), (String) r[1]);
    // 6 runs x 2 epochs x 10 sequences x 10 steps
    assertTrue(((String) r[1]).contains("work: 1,200 training steps"), (String) r[1]);
  }

  @Test
  void validateDescribesTheSearch() throws IOException {
    Object[] asha = run("validate", Path.of("..", "sweeps", "asha-lr.yaml").toString());
    assertEquals(0, asha[0]);
    assertTrue(((String) asha[1]).contains("search: asha on test_accuracy, rungs at [2, 6, 18, 30] epochs"),
        (String) asha[1]);
    Object[] tpe = run("validate", Path.of("..", "sweeps", "tpe-lr.yaml").toString());
    assertTrue(((String) tpe[1]).contains("search: tpe on test_accuracy, 10 random runs then waves of 5"),
        (String) tpe[1]);
    Path bad = dir.resolve("bad-search.yaml");
    Files.writeString(bad, "name: b\nsearch:\n  scheduler: ahsa\n");
    Object[] v = run("sweep", bad.toString(), "--out", dir.resolve("never").toString());
    assertEquals(Main.BAD_INPUT, v[0]);
    assertTrue(((String) v[2]).contains(bad + ":3: search.scheduler: 'ahsa' is not one of none, asha;"
        + " did you mean 'asha'?"), (String) v[2]);
    assertFalse(Files.exists(dir.resolve("never")));
  }

  @Test
  void badSweepFilesExitWithCodeTwoListingEveryProblemAndWriteNothing() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "name: bad\nfixed: {epochz: 2}\ngrid: {window: [0, 2]}\n");
    Object[] v = run("validate", file.toString());
    assertEquals(Main.BAD_INPUT, v[0]);
    String err = (String) v[2];
    assertTrue(err.contains(file + ":2: epochz: unknown key in fixed; did you mean 'epochs'?"), err);
    assertTrue(err.contains(file + ":3: window: expected an integer >= 1, got 0"), err);

    Path out = dir.resolve("out");
    Object[] s = run("sweep", file.toString(), "--out", out.toString());
    assertEquals(Main.BAD_INPUT, s[0]);
    assertTrue(((String) s[2]).contains("epochz"), (String) s[2]);
    assertFalse(Files.exists(out));
    assertEquals(Main.BAD_INPUT, run("validate", dir.resolve("missing.yaml").toString())[0]);
  }

  @Test
  void badOptionsExitWithCodeTwo() throws IOException {
    Path file = dir.resolve("ok.yaml");
    Files.writeString(file, "name: ok\n");
    Path notADir = Files.writeString(dir.resolve("file"), "x");
    assertEquals(Main.BAD_INPUT, run("sweep", file.toString(), "--out", notADir.toString())[0]);
    assertEquals(Main.BAD_INPUT, run("sweep", file.toString(), "--write-every", "-1")[0]);
    assertEquals(Main.BAD_INPUT, run("validate", file.toString(), "--max-runs", "lots")[0]);
    assertEquals(Main.BAD_INPUT, run("cluster", "restart", "--dir", dir.toString())[0]);
    assertEquals(1, run("cluster", "status", "--dir", dir.toString())[0]);
  }
}
