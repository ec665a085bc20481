/**
 * The lab's task, "counting ones in a window" (windowed parity): the generator of the
 * {@link rnnlab.spec.SequenceSet}s every engine trains on, and the lab's probe sequence. Data only: no
 * network, training or file format.
 */
package rnnlab.task;
