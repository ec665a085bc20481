package rnnlab.dl4j;

import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import rnnlab.numeric.NumericModel;
import rnnlab.spec.EpochStats;
import rnnlab.spec.ModelState;
import rnnlab.spec.Network;
import rnnlab.spec.OptimizerState;
import rnnlab.spec.RunSpec;
import rnnlab.spec.SequenceSet;
import rnnlab.spec.TrainingMode;
import rnnlab.spec.Weights;

/**
 * A run trained by DeepLearning4J: a {@code SimpleRnn} or {@code LSTM} layer and an {@code RnnOutputLayer}
 * (sigmoid and {@link LabBce}, or for regression identity and {@link LabMse}) in double precision, trained
 * with {@code MultiLayerNetwork.fit} and DL4J's updaters (see {@link Networks}). One update per sequence
 * (per-sequence mode: a batch of one, gradient summed over its steps) or per minibatch of consecutive
 * sequences of the epoch's order (gradient the mean over the batch's real steps; padded steps masked).
 * Initial weights are the numeric engine's, drawn from the same stream, so that both engines start from the
 * same point.
 */
public final class Dl4jModel implements Network {

  /** Sequences per forward pass in {@link #predict}. */
  private static final int PREDICT_BATCH = 256;

  private final MultiLayerNetwork net;
  private final int[] blocks;
  private final TrainingMode mode;
  private final int batchSize;
  private final Networks.GradientHook hook;
  private final Weights template;

  Dl4jModel(RunSpec spec) {
    this.hook = new Networks.GradientHook(spec.clip(), spec.clipNorm());
    this.net = Networks.build(spec, hook);
    this.blocks = WeightTransfer.blocks(spec.cell());
    this.mode = spec.mode();
    this.batchSize = spec.batchSize();
    this.template = WeightTransfer.read(net, blocks);
  }

  /** The model of {@code spec}, with the numeric engine's initial weights drawn from {@code rng}. */
  public static Dl4jModel create(RunSpec spec, SplittableRandom rng) {
    Dl4jModel m = new Dl4jModel(spec);
    m.setWeights(NumericModel.initialWeights(spec, rng));
    return m;
  }

  @Override
  public EpochStats trainEpoch(SequenceSet train, int[] order) {
    int per = mode == TrainingMode.PER_SEQUENCE ? 1 : batchSize;
    double lossSum = 0;
    int updates = 0;
    hook.reset();
    for (int start = 0; start < order.length; start += per) {
      Batches.Batch b = Batches.of(train, order, start, Math.min(per, order.length - start));
      net.fit(b.features(), b.labels(), b.mask(), b.labelsMask());
      lossSum += net.score();
      updates++;
    }
    return new EpochStats(lossSum / updates, hook.normSum() / updates);
  }

  @Override
  public double[] predict(SequenceSet set) {
    double[] out = new double[set.inputs().length];
    int stride = set.maxLength();
    int[] all = new int[set.count()];
    java.util.Arrays.setAll(all, i -> i);
    for (int start = 0; start < all.length; start += PREDICT_BATCH) {
      int batch = Math.min(PREDICT_BATCH, all.length - start);
      Batches.Batch b = Batches.of(set, all, start, batch);
      INDArray a2 = net.output(b.features(), false, b.mask(), b.mask());
      double[] flat = a2.dup('c').data().asDouble();
      int steps = b.steps();
      for (int s = 0; s < batch; s++) {
        int len = set.lengths()[start + s];
        System.arraycopy(flat, s * steps, out, (start + s) * stride, len);
      }
    }
    return out;
  }

  @Override
  public Weights weights() {
    return WeightTransfer.read(net, blocks);
  }

  @Override
  public void setWeights(Weights weights) {
    List<String> problems = weights.misfits(template);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    WeightTransfer.write(weights, net, blocks);
  }

  @Override
  public int parameterCount() {
    return (int) net.numParams();
  }

  /** The weights, the updater's state view (moments, velocity) and the iteration count Adam corrects by. */
  @Override
  public ModelState state() {
    INDArray view = net.getUpdater().getStateViewArray();
    double[] values = view == null ? new double[0] : view.dup('c').data().asDouble();
    return new ModelState(weights(), new OptimizerState(net.getIterationCount(), values));
  }

  @Override
  public void restore(ModelState state) {
    INDArray view = net.getUpdater().getStateViewArray();
    double[] values = state.optimizer().values();
    long have = view == null ? 0 : view.length();
    if (have != values.length) {
      throw new IllegalArgumentException("the updater's state holds " + have + " values, the state given "
          + values.length);
    }
    setWeights(state.weights());
    if (view != null) {
      view.assign(Nd4j.createFromArray(values).reshape('c', view.shape()));
    }
    net.setIterationCount(Math.toIntExact(state.optimizer().steps()));
  }

  /**
   * The DL4J network, for tests and benchmarks that look inside and for data-parallel training, which
   * trains it in place.
   */
  public MultiLayerNetwork network() {
    return net;
  }

  /**
   * Sequences {@code start..start+count)} of {@code set} as one DL4J minibatch, padded to the longest of
   * them, with the features mask (null when none is padded) and the labels mask (see {@link Batches}).
   */
  public static DataSet minibatch(SequenceSet set, int start, int count) {
    int[] order = new int[count];
    java.util.Arrays.setAll(order, i -> start + i);
    Batches.Batch b = Batches.of(set, order, 0, count);
    return new DataSet(b.features(), b.labels(), b.mask(), b.labelsMask());
  }
}
