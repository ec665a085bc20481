package rnnlab.spec;

/** The update rule: plain SGD, SGD with momentum, Adam or RMSProp. */
public enum OptimizerType implements Choice { SGD, MOMENTUM, ADAM, RMSPROP }
