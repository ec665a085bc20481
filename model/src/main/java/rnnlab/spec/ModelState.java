package rnnlab.spec;


/**
 * Everything a model needs to continue training exactly where it stopped: its parameters and its
 * optimizer's state (for DL4J: the updater's state view and the iteration count).
 *
 * @param weights   the parameters under the lab's names
 * @param optimizer the optimizer's step count and state vectors
 */
public record ModelState(Weights weights, OptimizerState optimizer) {}
