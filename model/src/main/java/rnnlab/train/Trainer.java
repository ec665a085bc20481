package rnnlab.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import rnnlab.npy.WeightFiles;
import rnnlab.task.SequenceSet;

/**
 * Trains runs. The only place results are made: it builds the data and the engine's model from the spec,
 * runs the epochs, stops a run whose loss is no longer finite, evaluates, and records provenance.
 * Callers never know which engine ran.
 */
public final class Trainer {

  private Trainer() {}

  /**
   * Trains {@code spec} and never throws: a run that throws is returned with state {@code failed} and the
   * error as its message. This is what a Spark task calls.
   */
  public static RunResult run(RunSpec spec) {
    try {
      return train(spec, ProgressListener.NONE).result();
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      return RunResult.failed(spec, e);
    }
  }

  /**
   * Trains {@code spec}, pinned to {@code inputs} (see {@link RunInputs}), without opening any file, and never
   * throws, as {@link #run(RunSpec)}. This is what a Spark task calls.
   */
  public static RunResult run(RunSpec spec, RunInputs inputs) {
    try {
      return train(new RunInputs.Pinned(spec, inputs), ProgressListener.NONE, (model, train) -> model)
          .result();
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      return RunResult.failed(spec, e);
    }
  }

  /**
   * Trains {@code spec} from its own data and initial weights, read from this machine's disk; the result's
   * spec is pinned to their content (see {@link RunInputs}).
   *
   * @throws IllegalArgumentException       when its data or weight files do not fit it (naming the file), or
   *                                        its engine is dl4j-spark, which needs a SparkContext
   *                                        ({@code rnnlab.distributed.DistributedTrainer} in the jobs module)
   * @throws java.io.UncheckedIOException   when they cannot be read
   */
  public static Trained train(RunSpec spec, ProgressListener listener) {
    if (spec.engine() == Engine.DL4J_SPARK) {
      throw new IllegalArgumentException("engine dl4j-spark trains data-parallel on a Spark cluster: run it"
          + " with './submit.sh dtrain' or in a sweep, not on one machine");
    }
    return train(RunInputs.pin(spec, RunInputs.LOCAL), listener, (model, train) -> model);
  }

  /**
   * Trains the pinned spec on its inputs read already, with the epochs run by the model that {@code engine}
   * makes of the run's initial model and training set: how an engine that lives outside this module
   * (dl4j-spark, which needs a SparkContext) trains on the same data, from the same initial weights, and is
   * evaluated the same way.
   *
   * @throws IllegalArgumentException when the initial weights do not fit the model (naming the folder)
   */
  public static Trained train(RunInputs.Pinned run, ProgressListener listener,
      BiFunction<Model, SequenceSet, Model> engine) {
    RunSpec spec = run.spec();
    RunSeeds seeds = RunSeeds.of(spec.seed());
    Datasets data = Datasets.of(spec, seeds, run.inputs());
    Model model = Models.create(spec, seeds.weights());
    if (run.inputs().initWeights() != null) {
      model.setWeights(WeightFiles.fit(RunSpec.location(spec.initWeights()), run.inputs().initWeights(),
          model.weights()));
    }
    return train(spec, data, engine.apply(model, data.train()), seeds.shuffle(), listener);
  }

  /**
   * Trains {@code model} on {@code data} for {@code spec.epochs()} epochs, then evaluates it.
   *
   * @param shuffle modified: drawn from for each epoch's order in minibatch mode
   */
  public static Trained train(RunSpec spec, Datasets data, Model model, SplittableRandom shuffle,
      ProgressListener listener) {
    Provenance provenance = Provenance.now(spec.engine());
    double[] loss = new double[spec.epochs()];
    double[] gradNorm = new double[spec.epochs()];
    int[] order = identity(data.train().count());
    long nanos = 0;
    int epochs = 0;
    RunState state = RunState.OK;
    String message = "";
    while (epochs < spec.epochs()) {
      if (spec.mode() == TrainingMode.MINIBATCH && spec.shuffle()) {
        shuffle(order, shuffle);
      }
      long t0 = System.nanoTime();
      EpochStats stats = model.trainEpoch(data.train(), order);
      nanos += System.nanoTime() - t0;
      loss[epochs] = stats.loss();
      gradNorm[epochs] = stats.gradNorm();
      epochs++;
      listener.onEpoch(epochs, spec.epochs(), stats, nanos / 1_000_000);
      if (!Double.isFinite(stats.loss())) {
        state = RunState.DIVERGED;
        message = "loss became " + stats.loss() + " in epoch " + epochs;
        break;
      }
    }
    double[] probe = model.predict(data.probe());
    RunResult result = new RunResult(spec, state, message, Arrays.copyOf(loss, epochs),
        Arrays.copyOf(gradNorm, epochs), accuracy(model, data.train()), accuracy(model, data.test()),
        accuracy(model, data.longTest()), probe, (int) Evaluation.correct(probe, data.probe()), epochs,
        nanos / 1_000_000, model.parameterCount(), provenance);
    return new Trained(result, model.weights());
  }

  private static double accuracy(Model model, SequenceSet set) {
    return Evaluation.accuracy(model.predict(set), set);
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    return order;
  }

  /** Fisher-Yates shuffle of {@code order} in place. */
  private static void shuffle(int[] order, SplittableRandom rng) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
  }
}
