/**
 * One big run trained data-parallel over a Spark cluster with dl4j-spark (engine {@code dl4j-spark}).
 * DL4J upstream has deprecated its Spark module, so every use of it sits in {@link
 * rnnlab.distributed.DistributedTrainer}; nothing else imports dl4j-spark.
 */
package rnnlab.distributed;
