package rnnlab.train;

import java.util.SplittableRandom;

/**
 * The independent random streams of one run, split in a fixed order from its one seed, so that changing
 * how one stream is used (say, the number of training sequences) leaves the others as they were.
 *
 * @param weights initial weights
 * @param data    the generated training set
 * @param heldOut the held-out sets (same length, and {@link RunSpec#LONG_FACTOR} times longer)
 * @param shuffle the order of sequences in each epoch
 */
public record RunSeeds(SplittableRandom weights, SplittableRandom data, SplittableRandom heldOut,
    SplittableRandom shuffle) {

  /** The streams of {@code seed}; the same seed always gives the same streams. */
  public static RunSeeds of(long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    return new RunSeeds(root.split(), root.split(), root.split(), root.split());
  }
}
