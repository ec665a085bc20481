package rnnlab.task;

import java.util.SplittableRandom;
import rnnlab.spec.RunSpec;
import rnnlab.spec.SequenceSet;

/** The sequences of a run's task: generated sets and the probe, for whichever {@code task} it names. */
public final class Tasks {

  private Tasks() {}

  /**
   * {@code count} sequences of {@code spec}'s task with lengths in {@code minLength..maxLength}, drawn from
   * {@code rng}; counting-ones draws exactly as the lab's generator always has.
   *
   * @param rng modified: advanced by the draws
   */
  public static SequenceSet generate(RunSpec spec, int count, int minLength, int maxLength,
      SplittableRandom rng) {
    return switch (spec.task()) {
      case COUNTING_ONES -> ParityTask.generate(count, minLength, maxLength, spec.window(), rng);
      case ADDING -> AddingTask.generate(count, minLength, maxLength, rng);
      case DELAYED_RECALL -> DelayedRecallTask.generate(count, minLength, maxLength, spec.delay(), rng);
      case N_BACK -> NBackTask.generate(count, minLength, maxLength, spec.delay(), rng);
    };
  }

  /** The probe of {@code spec}'s task: the lab's probe bits with the task's targets, or the adding probe. */
  public static SequenceSet probe(RunSpec spec) {
    return switch (spec.task()) {
      case COUNTING_ONES -> ParityTask.probe(spec.window());
      case ADDING -> AddingTask.probe();
      case DELAYED_RECALL -> bitProbe((in, from, len, out) ->
          DelayedRecallTask.targets(in, from, len, spec.delay(), out));
      case N_BACK -> bitProbe((in, from, len, out) -> NBackTask.targets(in, from, len, spec.delay(), out));
    };
  }

  private static SequenceSet bitProbe(RandomBits.Targets targets) {
    double[] p = ParityTask.PROBE;
    double[] out = new double[p.length];
    targets.write(p, 0, p.length, out);
    return SequenceSet.single(p, out);
  }
}
