package rnnlab.spec;

/**
 * How updates are made. {@code PER_SEQUENCE} is the lab's NumPy loop (sequences in order, one update per
 * sequence, gradients summed over its steps); {@code MINIBATCH} is its PyTorch loop (shuffled batches,
 * loss and gradient the mean BCE over the batch's real steps).
 */
public enum TrainingMode implements Choice { PER_SEQUENCE, MINIBATCH }
