/**
 * The DeepLearning4J engine, the counterpart of the lab's PyTorch code: builds a DL4J network for a run,
 * trains it with DL4J's own layers, updaters and backprop, and moves weights to and from the lab's names.
 * It plugs into training as a {@link rnnlab.spec.Network}; nothing outside this package (and
 * {@code rnnlab.distributed}) touches DL4J types, and nothing here runs the epochs or makes results.
 */
package rnnlab.dl4j;
