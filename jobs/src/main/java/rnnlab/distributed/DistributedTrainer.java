package rnnlab.distributed;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import rnnlab.dl4j.Dl4jModel;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Engine;
import rnnlab.spec.EpochStats;
import rnnlab.spec.ModelState;
import rnnlab.spec.Problem;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.spec.SequenceSet;
import rnnlab.spec.Weights;
import rnnlab.store.HadoopFolders;
import rnnlab.train.Provenance;
import rnnlab.train.RunInputs;
import rnnlab.train.RunResult;
import rnnlab.train.Trainer;

/**
 * Trains one {@code dl4j-spark} run data-parallel: the DL4J network of {@code engine = dl4j}
 * ({@code SimpleRnn} or {@code LSTM}), trained with dl4j-spark's {@code SparkDl4jMultiLayer} and
 * {@code ParameterAveragingTrainingMaster}.
 *
 * <p>The driver builds the run's data, initial weights, held-out sets and probe exactly as {@link Trainer}
 * does for every run (it is {@link Trainer} that runs the epochs and evaluates), cuts the training set into
 * minibatches of {@code batch_size} consecutive sequences and spreads them over {@code workers}
 * partitions, one per worker, as an RDD of DL4J {@code DataSet}s. In each averaging round every worker
 * starts from the driver's parameters and updater state, fits {@code averaging_frequency} minibatches of
 * {@code workers_batch} sequences from its own partition, and the driver averages the workers' parameters
 * and updater states (Adam's moments included; its step count advances by {@code averaging_frequency} per
 * round); the epoch is done when every minibatch has been fitted once. Which minibatches go into each
 * round is drawn from the run's seed. With one worker and one round per epoch this is single-machine
 * training exactly. The training approach is {@code Direct}: data
 * moves as RDD elements, nothing is exported to files.
 *
 * <p>The epoch loss is the mean of the workers' minibatch losses over the epoch (as the single-machine
 * engines report it). The gradient norm is not observed on the workers and is stored as NaN; global
 * clipping is not possible for the same reason, and {@link RunSpec} rejects it for this engine.
 */
public final class DistributedTrainer {

  private static final String DL4J_SPARK_VERSION = pomVersion("dl4j-spark_2.12");

  private DistributedTrainer() {}

  /**
   * Trains {@code spec} on {@code workers} workers and evaluates it.
   *
   * @param workers data-parallel workers; 0 means Spark's default parallelism (the cluster's cores)
   * @throws BadInputException when the spec's engine is not dl4j-spark, or its data or weight files cannot
   *                           be used (naming the file)
   */
  public static RunResult train(JavaSparkContext sc, RunSpec spec, int workers, ProgressListener listener) {
    return train(sc, RunInputs.pin(spec, new HadoopFolders(sc.hadoopConfiguration())), workers, listener);
  }

  /**
   * Trains the pinned run on its inputs, read on the driver already (see {@link RunInputs}), as
   * {@link #train(JavaSparkContext, RunSpec, int, ProgressListener)} does.
   */
  public static RunResult train(JavaSparkContext sc, RunInputs.Pinned run, int workers,
      ProgressListener listener) {
    RunSpec spec = run.spec();
    if (spec.engine() != Engine.DL4J_SPARK) {
      throw new BadInputException(Problem.of("engine", "expected dl4j-spark for data-parallel training, got "
          + spec.engine().label()));
    }
    int n = workers > 0 ? workers : sc.defaultParallelism();
    RunResult r = Trainer.train(run, listener,
        (pinned, weights, train) -> new ParameterAveraging(sc, pinned, Dl4jModel.create(pinned, weights),
            train,
            n)).result();
    Provenance p = r.provenance();
    String libraries = p.libraries() + ", dl4j-spark " + DL4J_SPARK_VERSION + ", spark " + sc.version() + ", "
        + n + (n == 1 ? " worker" : " workers");
    Provenance provenance = new Provenance(p.engine(), p.rnnlabVersion(), libraries, p.javaVersion(),
        p.osArch(), p.host(), p.gitCommit(), p.startTime());
    return r.withProvenance(provenance);
  }

  /** The driver's model: its epochs run on the cluster, its predictions on the driver. */
  private static final class ParameterAveraging implements rnnlab.spec.Network {

    private final Dl4jModel local;
    private final SparkDl4jMultiLayer sparkNet;
    private final JavaRDD<DataSet> minibatches;
    private final DoubleAccumulator lossSum;
    private final LongAccumulator updates;

    ParameterAveraging(JavaSparkContext sc, RunSpec spec, Dl4jModel local, SequenceSet train, int workers) {
      this.local = local;
      List<DataSet> batches = new ArrayList<>();
      for (int start = 0; start < train.count(); start += spec.batchSize()) {
        batches.add(Dl4jModel.minibatch(train, start, Math.min(spec.batchSize(), train.count() - start)));
      }
      this.minibatches = sc.parallelize(batches, workers);
      this.lossSum = sc.sc().doubleAccumulator("dl4j-spark minibatch loss");
      this.updates = sc.sc().longAccumulator("dl4j-spark minibatches");
      ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(workers,
          spec.batchSize())
          .batchSizePerWorker(spec.effectiveWorkersBatch())
          .averagingFrequency(spec.averagingFrequency())
          .rddTrainingApproach(RDDTrainingApproach.Direct)
          .repartionData(Repartition.NumPartitionsWorkersDiffers)
          .workerPrefetchNumBatches(0)
          .saveUpdater(true) // the default, false, restarts Adam's moments every epoch
          .rngSeed(spec.seed())
          .trainingHooks(new LossHook(lossSum, updates))
          .build();
      this.sparkNet = new SparkDl4jMultiLayer(sc, local.network(), master);
    }

    @Override
    public EpochStats trainEpoch(SequenceSet train, int[] order) {
      lossSum.reset();
      updates.reset();
      sparkNet.fit(minibatches); // averages into local.network() in place
      return new EpochStats(lossSum.sum() / updates.sum(), Double.NaN);
    }

    @Override
    public double[] predict(SequenceSet set) {
      return local.predict(set);
    }

    @Override
    public Weights weights() {
      return local.weights();
    }

    @Override
    public void setWeights(Weights weights) {
      local.setWeights(weights);
    }

    @Override
    public int parameterCount() {
      return local.parameterCount();
    }

    /** Not available: the workers' updater state lives in the training master. */
    @Override
    public ModelState state() {
      throw new UnsupportedOperationException("engine dl4j-spark cannot be checkpointed");
    }

    /** Not available, as {@link #state()}. */
    @Override
    public void restore(ModelState state) {
      throw new UnsupportedOperationException("engine dl4j-spark cannot be checkpointed");
    }
  }

  /** Runs on the workers: adds each minibatch's loss (before its update) to the driver's sums. */
  private record LossHook(DoubleAccumulator lossSum, LongAccumulator updates) implements TrainingHook {

    @Override
    public void preUpdate(org.nd4j.linalg.dataset.api.DataSet minibatch, Model model) {
      // the loss is known after the update only
    }

    @Override
    public void postUpdate(org.nd4j.linalg.dataset.api.DataSet minibatch, Model model) {
      lossSum.add(model.score());
      updates.add(1);
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
      throw new UnsupportedOperationException("rnnlab trains MultiLayerNetworks only");
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
      throw new UnsupportedOperationException("rnnlab trains MultiLayerNetworks only");
    }
  }

  private static String pomVersion(String artifact) {
    Properties p = new Properties();
    try (InputStream in = SparkDl4jMultiLayer.class.getResourceAsStream(
        "/META-INF/maven/org.deeplearning4j/" + artifact + "/pom.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // provenance is best effort: a missing version shows as "unknown"
    }
    return p.getProperty("version", "unknown");
  }
}
