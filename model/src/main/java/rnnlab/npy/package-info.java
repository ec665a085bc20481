/**
 * NumPy interop: {@link rnnlab.npy.NdArray}, a shaped array of doubles, and reading and writing it as a
 * {@code .npy} file, so that data and weights move between rnnlab and the lab's NumPy code.
 */
package rnnlab.npy;
