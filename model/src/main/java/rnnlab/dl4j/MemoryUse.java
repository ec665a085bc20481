package rnnlab.dl4j;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Memory in use by this JVM after a garbage collection: Java heap, off-heap memory that JavaCPP tracks,
 * the ND4J workspaces of the calling thread, and the process's physical memory (resident set, which also
 * holds the JIT's code, the native libraries and malloc's free lists, so it moves by tens of MiB).
 *
 * @param heapBytes      heap in use
 * @param offHeapBytes   {@code Pointer.totalBytes()}
 * @param workspaceBytes sum of {@code getCurrentSize()} over the calling thread's workspaces
 * @param physicalBytes  {@code Pointer.physicalBytes()}
 */
public record MemoryUse(long heapBytes, long offHeapBytes, long workspaceBytes, long physicalBytes) {

  /** Collects garbage (so that unreachable ND4J buffers are freed) and measures. */
  public static MemoryUse measure() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    long workspaces = 0;
    for (MemoryWorkspace w : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
      workspaces += w.getCurrentSize();
    }
    return new MemoryUse(rt.totalMemory() - rt.freeMemory(), Pointer.totalBytes(), workspaces,
        Pointer.physicalBytes());
  }

  /** The figures in MiB, as a Markdown table row: heap | off-heap | workspaces | physical. */
  public String row() {
    return String.format(java.util.Locale.ROOT, "%.1f | %.1f | %.1f | %.1f", mib(heapBytes),
        mib(offHeapBytes), mib(workspaceBytes), mib(physicalBytes));
  }

  /** Bytes in MiB. */
  public static double mib(long bytes) {
    return bytes / 1048576.0;
  }
}
