package rnnlab.train;

import rnnlab.spec.BadInputException;
import rnnlab.spec.RunSpec;
import rnnlab.spec.SequenceSet;
import rnnlab.task.Tasks;

/**
 * The sequence sets of one run: what it trains on, what it is evaluated on, and the lab's probe.
 *
 * @param train    the training set (generated, or read from {@link RunSpec#data()})
 * @param test     held-out sequences as long as the training ones, from an independent stream (or the data
 *                 folder's own held-out set)
 * @param longTest held-out sequences {@link RunSpec#LONG_FACTOR} times longer: does it generalise?
 * @param probe    the task's probe sequence with its targets (the lab's probe for the binary tasks)
 */
public record Datasets(SequenceSet train, SequenceSet test, SequenceSet longTest, SequenceSet probe) {

  /**
   * The sets of {@code spec}: training data generated from {@code seeds.data()} or read from
   * {@code spec.data()} on this machine; held-out sets generated from {@code seeds.heldOut()}; all of the
   * spec's task.
   *
   * @throws BadInputException about key {@code data}, naming the file, when the data folder cannot be read
   *                           or its arrays are malformed
   */
  public static Datasets of(RunSpec spec, RunSeeds seeds) {
    return of(spec, seeds, RunInputs.pin(spec, RunInputs.LOCAL).inputs());
  }

  /**
   * The sets of {@code spec} with its data already read into {@code inputs}: the training set generated from
   * {@code seeds.data()} or {@code inputs.train()}; the held-out set of the training length
   * {@code inputs.test()} when the data folder has one, else generated from {@code seeds.heldOut()}; the
   * held-out set {@link RunSpec#LONG_FACTOR} times longer always generated.
   */
  public static Datasets of(RunSpec spec, RunSeeds seeds, RunInputs inputs) {
    SequenceSet train = inputs.train() != null ? inputs.train()
        : Tasks.generate(spec, spec.samples(), spec.effectiveLengthMin(), spec.length(), seeds.data());
    int length = train.maxLength();
    SequenceSet test = inputs.test() != null ? inputs.test()
        : Tasks.generate(spec, spec.testSamples(), length, length, seeds.heldOut());
    int longLength = length * RunSpec.LONG_FACTOR;
    SequenceSet longTest = Tasks.generate(spec, spec.testSamples(), longLength, longLength, seeds.heldOut());
    return new Datasets(train, test, longTest, Tasks.probe(spec));
  }
}
