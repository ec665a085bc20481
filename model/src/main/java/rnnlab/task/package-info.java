/**
 * The lab's task, "counting ones in a window" (windowed parity): the sequence generator, the
 * {@link rnnlab.spec.SequenceSet} that every engine trains on, and the lab's probe sequence.
 */
package rnnlab.task;
