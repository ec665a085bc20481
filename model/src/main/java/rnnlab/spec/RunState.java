package rnnlab.spec;

/** How a run ended: trained to the last epoch, stopped because its loss became NaN or infinite, or threw. */
public enum RunState implements Choice { OK, DIVERGED, FAILED }
