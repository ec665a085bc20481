package rnnlab.train;

import java.io.IOException;
import java.nio.file.Path;
import rnnlab.npy.NpyData;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;
import rnnlab.spec.RunSpec;
import rnnlab.spec.SequenceSet;
import rnnlab.task.ParityTask;

/**
 * The sequence sets of one run: what it trains on, what it is evaluated on, and the lab's probe.
 *
 * @param train    the training set (generated, or read from {@link RunSpec#data()})
 * @param test     held-out sequences as long as the training ones, from an independent stream
 * @param longTest held-out sequences {@link RunSpec#LONG_FACTOR} times longer: does it generalise?
 * @param probe    the lab's probe sequence with its targets
 */
public record Datasets(SequenceSet train, SequenceSet test, SequenceSet longTest, SequenceSet probe) {

  /**
   * The sets of {@code spec}: training data generated from {@code seeds.data()} or read from
   * {@code spec.data()}; held-out sets generated from {@code seeds.heldOut()} with the spec's window.
   *
   * @throws BadInputException about key {@code data}, naming the file, when the data folder cannot be read
   *                           or its arrays are malformed
   */
  public static Datasets of(RunSpec spec, RunSeeds seeds) {
    SequenceSet train;
    if (spec.generatesData()) {
      train = ParityTask.generate(spec.samples(), spec.effectiveLengthMin(), spec.length(), spec.window(),
          seeds.data());
    } else {
      try {
        train = NpyData.read(Path.of(spec.data()));
      } catch (IOException e) {
        throw new BadInputException(Problem.of("data", e.getMessage()));
      } catch (BadInputException e) {
        throw e.about("data");
      }
    }
    int length = train.maxLength();
    SequenceSet test =
        ParityTask.generate(spec.testSamples(), length, length, spec.window(), seeds.heldOut());
    int longLength = length * RunSpec.LONG_FACTOR;
    SequenceSet longTest =
        ParityTask.generate(spec.testSamples(), longLength, longLength, spec.window(), seeds.heldOut());
    return new Datasets(train, test, longTest, ParityTask.probe(spec.window()));
  }
}
