package rnnlab.spec;

/**
 * How a run ended: trained to the last epoch, stopped because its loss became NaN or infinite, threw, or
 * was stopped early by a sweep's scheduler (pruned: its curve and accuracies are those of its last epoch).
 */
public enum RunState implements Choice { OK, DIVERGED, FAILED, PRUNED }
