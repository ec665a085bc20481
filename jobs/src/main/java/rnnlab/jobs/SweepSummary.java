package rnnlab.jobs;

/**
 * What a sweep command did, as {@code sweep} prints it: a plain sweep's {@link SweepJob.Summary} or an
 * adaptive search's {@link SearchJob.Summary}.
 */
public sealed interface SweepSummary permits SweepJob.Summary, SearchJob.Summary {

  /** Runs in the store for this sweep at the end (an adaptive search: the runs it ended). */
  int runs();

  /** The store's folder. */
  String location();
}
