package rnnlab.spec;

/**
 * What one epoch of training measured.
 *
 * @param loss     the epoch's loss: mean over sequences (per-sequence mode) or over batches (minibatch)
 * @param gradNorm mean over the epoch's updates of the global L2 gradient norm before clipping
 */
public record EpochStats(double loss, double gradNorm) {}
