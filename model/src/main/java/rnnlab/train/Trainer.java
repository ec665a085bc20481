package rnnlab.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import rnnlab.npy.WeightFiles;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Engine;
import rnnlab.spec.EpochStats;
import rnnlab.spec.Network;
import rnnlab.spec.NetworkFactory;
import rnnlab.spec.Problem;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.spec.SequenceSet;
import rnnlab.spec.TrainingMode;

/**
 * Trains runs. The only place results are made: it builds the data and the engine's model from the spec,
 * runs the epochs, stops a run whose loss is no longer finite, evaluates, and records provenance.
 * Callers never know which engine ran.
 */
public final class Trainer {

  /** The engines that train on this machine (all but dl4j-spark). */
  private static final NetworkFactory ON_THIS_MACHINE = (run, weights, train) -> Engines.create(run, weights);

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
   * Trains {@code spec}, pinned to {@code inputs} (see {@link RunInputs}), without opening any file, and
   * never throws, as {@link #run(RunSpec)}. This is what a sweep's Spark task calls.
   */
  public static RunResult run(RunSpec spec, RunInputs inputs) {
    try {
      return train(new RunInputs.Pinned(spec, inputs), ProgressListener.NONE, ON_THIS_MACHINE).result();
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      return RunResult.failed(spec, e);
    }
  }

  /**
   * Trains {@code spec} from its own data and initial weights.
   *
   * @throws BadInputException when its data or weight files cannot be read or do not fit it (about key
   *                           {@code data} or {@code init_weights}, naming the file), or its engine is
   *                           dl4j-spark, which needs a SparkContext
   *                           ({@code rnnlab.distributed.DistributedTrainer} in the jobs module)
   */
  public static Trained train(RunSpec spec, ProgressListener listener) {
    if (spec.engine() == Engine.DL4J_SPARK) {
      throw new BadInputException(Problem.of("engine", "engine dl4j-spark trains data-parallel on a Spark"
          + " cluster: run it with './submit.sh dtrain' or in a sweep, not on one machine"));
    }
    return train(RunInputs.pin(spec, RunInputs.LOCAL), listener, ON_THIS_MACHINE);
  }

  /**
   * Trains the pinned spec on its inputs, read already, with the model that {@code engine} makes: how an
   * engine that lives outside this module (dl4j-spark, which needs a SparkContext) trains on the same data,
   * from the same initial weights, and is evaluated the same way.
   *
   * @throws BadInputException about key {@code init_weights} when the initial weights do not fit the model
   *                           (naming the files)
   */
  public static Trained train(RunInputs.Pinned run, ProgressListener listener, NetworkFactory engine) {
    RunSpec spec = run.spec();
    RunSeeds seeds = RunSeeds.of(spec.seed());
    Datasets data = Datasets.of(spec, seeds, run.inputs());
    return train(spec, data, initialModel(spec, seeds, data, run.inputs(), engine), seeds.shuffle(),
        listener);
  }

  /**
   * Trains {@code model} on {@code data} for {@code spec.epochs()} epochs, then evaluates it.
   *
   * @param shuffle modified: drawn from for each epoch's order in minibatch mode
   */
  public static Trained train(RunSpec spec, Datasets data, Network model, SplittableRandom shuffle,
      ProgressListener listener) {
    return epochs(spec, data, model, shuffle, identity(data.train().count()), new double[0], new double[0],
        0, spec.epochs(), true, listener);
  }

  /**
   * A part of a run: what it measured when it stopped, and the checkpoint to continue it from.
   *
   * @param trained    the run evaluated after its last epoch so far (its curves hold every epoch so far)
   * @param checkpoint where to continue it
   */
  public record Leg(Trained trained, Checkpoint checkpoint) {}

  /**
   * Trains {@code spec} from {@code from} (null: from the start) until epoch {@code until}, then evaluates
   * it. Continuing a run leg by leg gives exactly the numbers of training it in one go: the curves, the
   * accuracies, the probe and the weights after epoch {@code spec.epochs()} are the same to the bit.
   *
   * @param until the epoch to stop after, above the checkpoint's and at most {@code spec.epochs()}
   * @throws IllegalArgumentException when the checkpoint is another run's, {@code until} is out of range,
   *                                  or the engine is dl4j-spark (not resumable)
   */
  public static Leg train(RunSpec spec, Checkpoint from, int until, ProgressListener listener) {
    return train(spec, from, until, true, listener);
  }

  /**
   * As {@link #train(RunSpec, Checkpoint, int, ProgressListener)}; with {@code evaluateAll} false only the
   * held-out accuracy at the training length is evaluated at the end of the leg (the training and longer
   * held-out accuracies are NaN, the probe is empty): what a scheduler needs at a rung, at a fraction of the
   * cost of evaluating everything. Reads the spec's {@code data} and {@code init_weights} folders from this
   * machine's disk.
   */
  public static Leg train(RunSpec spec, Checkpoint from, int until, boolean evaluateAll,
      ProgressListener listener) {
    return train(RunInputs.pin(spec, RunInputs.LOCAL), from, until, evaluateAll, listener);
  }

  /**
   * As {@link #train(RunSpec, Checkpoint, int, boolean, ProgressListener)} for a spec pinned to its inputs,
   * read already (see {@link RunInputs}), without opening any file: what a search's Spark task calls. The
   * checkpoint and the result carry the pinned spec's id.
   */
  public static Leg train(RunInputs.Pinned run, Checkpoint from, int until, boolean evaluateAll,
      ProgressListener listener) {
    RunSpec spec = run.spec();
    if (spec.engine() == Engine.DL4J_SPARK) {
      throw new IllegalArgumentException("engine dl4j-spark trains data-parallel and cannot be continued from"
          + " a checkpoint");
    }
    int done = from == null ? 0 : from.epochs();
    if (from != null && !from.runId().equals(spec.id())) {
      throw new IllegalArgumentException("checkpoint of run " + from.runId() + " given to run " + spec.id());
    }
    if (until <= done || until > spec.epochs()) {
      throw new IllegalArgumentException("cannot train run " + spec.id() + " from epoch " + done + " until "
          + until + " of " + spec.epochs());
    }
    RunSeeds seeds = RunSeeds.of(spec.seed());
    RunInputs inputs = run.inputs();
    Datasets data = Datasets.of(spec, seeds, inputs);
    Network model = initialModel(spec, seeds, data, inputs, ON_THIS_MACHINE);
    SplittableRandom shuffle = seeds.shuffle();
    int[] order = identity(data.train().count());
    if (from != null) {
      model.restore(from.model());
      for (int e = 0; e < done; e++) {
        if (shuffles(spec)) {
          shuffle(order, shuffle);
        }
      }
    }
    Trained t = epochs(spec, data, model, shuffle, order, from == null ? new double[0] : from.lossCurve(),
        from == null ? new double[0] : from.gradNormCurve(), from == null ? 0 : from.wallMs(), until,
        evaluateAll, listener);
    RunResult r = t.result();
    return new Leg(t, new Checkpoint(spec.id(), r.epochsRun(), model.state(), r.lossCurve(),
        r.gradNormCurve(), r.wallMs()));
  }

  /** The engine's model of {@code spec} with its initial weights: drawn, or read from its weight files. */
  private static Network initialModel(RunSpec spec, RunSeeds seeds, Datasets data, RunInputs inputs,
      NetworkFactory engine) {
    Network model = engine.create(spec, seeds.weights(), data.train());
    if (inputs.initWeights() != null) {
      try {
        model.setWeights(WeightFiles.fit(RunSpec.location(spec.initWeights()), inputs.initWeights(),
            model.weights()));
      } catch (BadInputException e) {
        throw e.about("init_weights");
      }
    }
    return model;
  }

  private static boolean shuffles(RunSpec spec) {
    return spec.mode() == TrainingMode.MINIBATCH && spec.shuffle();
  }

  /**
   * Trains {@code model} from the end of the curves given until epoch {@code until}, then evaluates it.
   *
   * @param shuffle modified: drawn from for each epoch's order in minibatch mode
   * @param order   modified: the order of the last epoch trained, shuffled again for each epoch
   * @param evaluateAll false to evaluate the held-out accuracy alone
   */
  private static Trained epochs(RunSpec spec, Datasets data, Network model, SplittableRandom shuffle,
      int[] order, double[] lossBefore, double[] gradNormBefore, long msBefore, int until,
      boolean evaluateAll, ProgressListener listener) {
    Provenance provenance = Provenance.now(spec.engine());
    double[] loss = Arrays.copyOf(lossBefore, until);
    double[] gradNorm = Arrays.copyOf(gradNormBefore, until);
    long nanos = 0;
    int epochs = lossBefore.length;
    RunState state = RunState.OK;
    String message = "";
    while (epochs < until) {
      if (shuffles(spec)) {
        shuffle(order, shuffle);
      }
      long t0 = System.nanoTime();
      EpochStats stats = model.trainEpoch(data.train(), order);
      nanos += System.nanoTime() - t0;
      loss[epochs] = stats.loss();
      gradNorm[epochs] = stats.gradNorm();
      epochs++;
      listener.onEpoch(epochs, spec.epochs(), stats, msBefore + nanos / 1_000_000);
      if (!Double.isFinite(stats.loss())) {
        state = RunState.DIVERGED;
        message = "loss became " + stats.loss() + " in epoch " + epochs;
        break;
      }
    }
    double[] probe = evaluateAll ? model.predict(data.probe()) : new double[0];
    RunResult result = new RunResult(spec, state, message, Arrays.copyOf(loss, epochs),
        Arrays.copyOf(gradNorm, epochs), evaluateAll ? accuracy(model, data.train(), spec) : Double.NaN,
        accuracy(model, data.test(), spec), evaluateAll ? accuracy(model, data.longTest(), spec) : Double.NaN,
        probe, evaluateAll ? (int) Evaluation.correct(probe, data.probe(), spec.task()) : 0, epochs,
        msBefore + nanos / 1_000_000, model.parameterCount(), provenance, "", model.weights());
    return new Trained(result);
  }

  private static double accuracy(Network model, SequenceSet set, RunSpec spec) {
    return Evaluation.accuracy(model.predict(set), set, spec.task());
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
