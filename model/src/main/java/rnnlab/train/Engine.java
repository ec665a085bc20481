package rnnlab.train;

/** Which engine trains a run: the from-scratch numeric engine or DeepLearning4J. */
public enum Engine implements Choice { NUMERIC, DL4J }
