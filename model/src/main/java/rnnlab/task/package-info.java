/**
 * The memory tasks ({@code task} spec key; see {@code docs/tasks.md}): the lab's "counting ones in a window"
 * (windowed parity) and its probe sequence, the adding problem, delayed recall and n-back, each generating
 * the {@link rnnlab.spec.SequenceSet}s every engine trains on ({@link rnnlab.task.Tasks} picks the run's).
 * A target of NaN marks a step without a target. Data only: no network, training or file format.
 */
package rnnlab.task;
