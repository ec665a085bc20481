package rnnlab.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.train.Trainer;

/**
 * Many small DL4J runs one after another in one JVM hold memory flat: after 10 warm-up runs, 20 more runs
 * (each a new network, 4 updates and the full evaluation)
 * grow the heap by less than 24 MiB, JavaCPP's off-heap memory by less than 2 MiB and the thread's ND4J
 * workspaces not at all. (The benchmark's {@code --memory 500} shows the same over 500 runs.)
 */
class Dl4jMemoryTest {

  private static void runs(RunSpec base, int from, int to) {
    for (int seed = from; seed < to; seed++) {
      assertEquals(RunState.OK, Trainer.run(base.with("seed", seed)).state());
    }
  }

  @Test
  void manyRunsInARowDoNotGrowMemory() {
    RunSpec base = RunSpec.of(Map.of("engine", "dl4j", "cell", "rnn", "mode", "minibatch", "hidden", 8,
        "batch_size", 4, "samples", 8, "length", 8, "length_min", 4, "test_samples", 4, "epochs", 2));
    runs(base, 0, 10);
    MemoryUse before = MemoryUse.measure();
    runs(base, 10, 30);
    MemoryUse after = MemoryUse.measure();
    String change = "before: " + before.row() + "; after: " + after.row();
    assertTrue(MemoryUse.mib(after.heapBytes() - before.heapBytes()) < 24, "heap grew: " + change);
    assertTrue(MemoryUse.mib(after.offHeapBytes() - before.offHeapBytes()) < 2, "off-heap grew: " + change);
    assertTrue(after.workspaceBytes() <= before.workspaceBytes(), "workspaces grew: " + change);
  }
}
