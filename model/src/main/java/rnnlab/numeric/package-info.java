/**
 * The from-scratch numeric engine, the Java counterpart of the lab's NumPy code: cells (each a hidden layer
 * with the output's net input {@code n2 = LW_21 a1 + b_2}) with forward pass and backpropagation through
 * time over flat row-major {@code double[]} parameters, the stable sigmoid and binary cross-entropy, the
 * task-defined {@link rnnlab.numeric.Output} (the lab's sigmoid and BCE, or a linear unit and squared
 * error), gradient clipping, and {@link rnnlab.numeric.NumericModel}, which trains a cell in either of the
 * lab's two modes. The cells share their layout, init and output unit (AbstractCell); the recurrent ones
 * their batched, masked forward and BPTT passes (RecurrentCell), whose matrix products are the one blocked
 * loop of Kernels, run a time step of the whole batch at once and sum every element in the same order as one
 * sequence at a time. It plugs into training as a {@link rnnlab.spec.Network}; no training loop, file format
 * or DL4J type belongs here.
 */
package rnnlab.numeric;
