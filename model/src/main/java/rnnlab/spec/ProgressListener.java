package rnnlab.spec;

/** Told about each finished epoch of a run, e.g. to print progress. */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores everything. */
  ProgressListener NONE = (epoch, epochs, stats, elapsedMs) -> { };

  /**
   * Called after epoch {@code epoch} (1-based) of {@code epochs}.
   *
   * @param elapsedMs training time so far
   */
  void onEpoch(int epoch, int epochs, EpochStats stats, long elapsedMs);
}
