package rnnlab.spec;

/**
 * Which engine trains a run: the from-scratch numeric engine, DeepLearning4J on one machine, or
 * DeepLearning4J data-parallel over a Spark cluster ({@code dl4j-spark}: parameter averaging; it needs a
 * SparkContext, so {@code rnnlab.train.Trainer} refuses it and the jobs module trains it).
 */
public enum Engine implements Choice { NUMERIC, DL4J, DL4J_SPARK }
