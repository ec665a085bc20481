/**
 * The DeepLearning4J engine, the counterpart of the lab's PyTorch code: builds a DL4J network for a run,
 * trains it with DL4J's own layers, updaters and backprop, and moves weights to and from the lab's names.
 */
package rnnlab.dl4j;
