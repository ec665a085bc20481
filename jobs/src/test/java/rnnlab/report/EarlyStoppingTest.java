package rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.train.Provenance;
import rnnlab.train.RunResult;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;

class EarlyStoppingTest {

  @TempDir
  Path dir;

  /** A run of 9 epochs stopped after {@code epochs} (9: trained to the end). */
  private static StoredRun run(double lr, int epochs) {
    RunSpec spec = RunSpec.LAB.with(Map.of("epochs", 9, "lr", lr));
    double[] curve = new double[epochs];
    Arrays.setAll(curve, i -> 0.7 / (i + 1));
    RunState state = epochs == 9 ? RunState.OK : RunState.PRUNED;
    RunResult r = new RunResult(spec, state, state == RunState.OK ? "" : "stopped by asha", curve, curve, 0.6,
        0.6, 0.6, new double[] {0.5}, 0, epochs, 10, 461, Provenance.now(spec.engine()));
    return Runs.stored("asha", r);
  }

  /** Rungs at 1, 3, 9: six runs stop at 1, two at 3, one finishes. */
  private static List<StoredRun> sweep() {
    List<StoredRun> runs = new ArrayList<>();
    int[] epochs = {1, 1, 3, 1, 9, 1, 3, 1, 1};
    for (int i = 0; i < epochs.length; i++) {
      runs.add(run(0.01 * (i + 1), epochs[i]));
    }
    return runs;
  }

  @Test
  void runsPerRungAndEpochsSaved() {
    List<EarlyStopping> all = EarlyStopping.of(sweep());
    assertEquals(1, all.size());
    EarlyStopping e = all.get(0);
    assertEquals(9, e.runs());
    assertEquals(8, e.pruned());
    assertEquals(List.of(1, 3, 9), e.rungs());
    assertEquals(new TreeMap<>(Map.of(1, 6, 3, 2)), e.stoppedAt());
    assertEquals(new TreeMap<>(Map.of(1, 9, 3, 3, 9, 1)), e.reached());
    assertEquals(6 + 6 + 9, e.epochsRun());
    assertEquals(81, e.epochsFull());
    assertEquals(1 - 21.0 / 81, e.saved(), 1e-15);
  }

  @Test
  void sweepsWithoutPrunedRunsHaveNoSection() throws IOException {
    assertTrue(EarlyStopping.of(List.of(run(0.1, 9))).isEmpty());
    ReportPage.write(dir.resolve("plain"), new ReportPage.Input(List.of("x"), List.of(run(0.1, 9)), List.of(),
        List.of("cell"), Criterion.DEFAULT, List.of()));
    assertTrue(!Files.readString(dir.resolve("plain/index.html")).contains("Early stopping"));
  }

  @Test
  void thePageDrawsEveryRunsCurveWithTheRungs() throws IOException {
    ReportPage.Written w = ReportPage.write(dir, new ReportPage.Input(List.of("x"), sweep(), List.of(),
        List.of("cell"), Criterion.DEFAULT, List.of()));
    String page = Files.readString(w.index());
    assertTrue(page.contains("id=\"early-stopping\""), "section present");
    assertTrue(page.contains("1: 9, 3: 3, 9: 1"), "runs reaching each rung");
    assertTrue(page.contains("74%"), "epochs saved");
    assertTrue(Files.size(dir.resolve("early-stopping-asha.png")) > 1000);
  }
}
