/**
 * NumPy interop: reading and writing {@link rnnlab.spec.NdArray}s as {@code .npy} files, and the data and
 * weight folders made of them, so that data and weights move between rnnlab and the lab's NumPy code.
 * A malformed file is a {@link rnnlab.spec.BadInputException} naming it. No training or engine code.
 */
package rnnlab.npy;
