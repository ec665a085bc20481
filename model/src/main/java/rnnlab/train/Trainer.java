package rnnlab.train;

import java.io.UncheckedIOException;
import java.nio.file.Path;
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
    return train(spec, listener, (run, weights, train) -> Engines.create(run, weights));
  }

  /**
   * Trains {@code spec} as {@link #train(RunSpec, ProgressListener)} does, with the model that
   * {@code engine} makes: how an engine that lives outside this module (dl4j-spark, which needs a
   * SparkContext) trains on the same data, from the same initial weights, and is evaluated the same way.
   */
  public static Trained train(RunSpec spec, ProgressListener listener, NetworkFactory engine) {
    RunSeeds seeds = RunSeeds.of(spec.seed());
    Datasets data = Datasets.of(spec, seeds);
    Network model = engine.create(spec, seeds.weights(), data.train());
    if (!spec.initWeights().isEmpty()) {
      try {
        model.setWeights(WeightFiles.read(Path.of(spec.initWeights()), model.weights()));
      } catch (UncheckedIOException e) {
        throw new BadInputException(Problem.of("init_weights", e.getCause().getMessage()));
      } catch (BadInputException e) {
        throw e.about("init_weights");
      }
    }
    return train(spec, data, model, seeds.shuffle(), listener);
  }

  /**
   * Trains {@code model} on {@code data} for {@code spec.epochs()} epochs, then evaluates it.
   *
   * @param shuffle modified: drawn from for each epoch's order in minibatch mode
   */
  public static Trained train(RunSpec spec, Datasets data, Network model, SplittableRandom shuffle,
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

  private static double accuracy(Network model, SequenceSet set) {
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
