package rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DtrainCommandTest {

  @TempDir
  Path dir;

  /** Every problem is named by its option before any Spark work starts; no store is created. */
  @Test
  void badInputIsRejectedWithEveryProblemAndNothingWritten() {
    Path out = dir.resolve("store");
    CliRun run = CliRun.of("dtrain", "--engine=dl4j", "--workers=-1", "--averaging-frequency=0",
        "--out=" + out);
    assertEquals(Main.BAD_INPUT, run.code(), run.out() + run.err());
    assertTrue(run.err().contains("error: --averaging-frequency: expected an integer >= 1"), run.err());
    assertTrue(run.err().contains("error: --workers: expected 0 (all cores) or more"), run.err());
    CliRun engine = CliRun.of("dtrain", "--engine=dl4j", "--out=" + out);
    assertEquals(Main.BAD_INPUT, engine.code(), engine.out() + engine.err());
    assertTrue(engine.err().contains("error: --engine: dtrain trains engine dl4j-spark, got dl4j"),
        engine.err());
    CliRun mode = CliRun.of("dtrain", "--mode=per-sequence", "--clip=global", "--out=" + out);
    assertEquals(Main.BAD_INPUT, mode.code(), mode.out() + mode.err());
    assertTrue(mode.err().contains("error: --mode:") && mode.err().contains("error: --clip:"), mode.err());
    assertFalse(Files.exists(out), "nothing written");
  }
}
