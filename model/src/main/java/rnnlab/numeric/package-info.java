/**
 * The from-scratch numeric engine, the Java counterpart of the lab's NumPy code: cells (each a hidden
 * layer with the lab's sigmoid output unit) with forward pass and backpropagation through time over flat
 * row-major {@code double[]} parameters, the stable sigmoid and binary cross-entropy, gradient clipping,
 * and {@link rnnlab.numeric.NumericModel}, which trains a cell in either of the lab's two modes. The cells
 * share their layout, init, output unit and batch loops (AbstractCell), the recurrent ones their BPTT
 * (RecurrentCell), and their matrix loops are the register-blocked ones of Kernels. It plugs into training
 * as a {@link rnnlab.spec.Network}; no training loop, file format or DL4J type belongs here.
 */
package rnnlab.numeric;
