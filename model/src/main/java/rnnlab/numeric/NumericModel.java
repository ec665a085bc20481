package rnnlab.numeric;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import rnnlab.optim.Optimizer;
import rnnlab.optim.Optimizers;
import rnnlab.spec.ClipMode;
import rnnlab.spec.EpochStats;
import rnnlab.spec.ModelState;
import rnnlab.spec.NdArray;
import rnnlab.spec.Network;
import rnnlab.spec.RunSpec;
import rnnlab.spec.SequenceSet;
import rnnlab.spec.TrainingMode;
import rnnlab.spec.Weights;

/**
 * Trains a {@link Cell} in either of the lab's modes: per-sequence (one update per sequence, gradient
 * summed over its steps, loss the mean over its steps) or minibatch (one update per batch, loss and
 * gradient the mean over the batch's real steps). Each update: forward, the task's {@link Output} (the
 * lab's sigmoid and BCE, {@code dL/dn2 = a2 - t}, or linear and squared error) at every real step that has
 * a target (steps whose target is NaN carry no loss and no gradient), dL/dn2 scaled for the mean,
 * backward, clipping, optimizer step. Buffers are allocated once per run.
 */
public final class NumericModel implements Network {

  /** Sequences per forward pass in {@link #predict}. */
  private static final int PREDICT_BATCH = 256;

  private final Cell cell;
  private final double[] params;
  private final double[] grad;
  private final Optimizer optimizer;
  private final TrainingMode mode;
  private final int batchSize;
  private final ClipMode clip;
  private final double clipNorm;
  private final Output output;

  private double[] inputs = new double[0];
  private double[] targets = new double[0];
  private double[] n2 = new double[0];
  private double[] dn2 = new double[0];
  private int[] lengths = new int[0];

  NumericModel(Cell cell, Optimizer optimizer, TrainingMode mode, int batchSize, ClipMode clip,
      double clipNorm, Output output) {
    this.cell = cell;
    this.params = new double[cell.parameterCount()];
    this.grad = new double[params.length];
    this.optimizer = optimizer;
    this.mode = mode;
    this.batchSize = batchSize;
    this.clip = clip;
    this.clipNorm = clipNorm;
    this.output = output;
  }

  /** The model of {@code spec}, initialised from {@code rng}. */
  public static NumericModel create(RunSpec spec, SplittableRandom rng) {
    Cell cell = Cells.create(spec);
    NumericModel m = new NumericModel(cell, Optimizers.create(spec), spec.mode(), spec.batchSize(),
        spec.clip(), spec.clipNorm(), Output.of(spec.task()));
    cell.initialize(m.params, rng);
    return m;
  }

  @Override
  public EpochStats trainEpoch(SequenceSet train, int[] order) {
    int per = mode == TrainingMode.PER_SEQUENCE ? 1 : batchSize;
    double lossSum = 0;
    double normSum = 0;
    int updates = 0;
    for (int start = 0; start < order.length; start += per) {
      lossSum += gradient(train, order, start, Math.min(per, order.length - start));
      normSum += Clipping.apply(clip, clipNorm, grad, cell.tensors());
      optimizer.step(params, grad);
      updates++;
    }
    return new EpochStats(lossSum / updates, normSum / updates);
  }

  /**
   * The gradient of one update, unclipped: forward and backward over sequences
   * {@code order[start .. start+batch)}, each over its own real steps. The gradient is that of the sum of
   * the steps' losses in per-sequence mode (the lab's NumPy loop) and of their mean in minibatch mode, over
   * the real steps that have a target.
   *
   * @return the mean loss over those steps, which is what an epoch reports (averaged over its updates); a
   *         binary task's BCE in the form of the lab's loop for the mode ({@link Output#loss})
   */
  double gradient(SequenceSet set, int[] order, int start, int batch) {
    int steps = gather(set, order, start, batch);
    cell.forward(params, inputs, lengths, batch, steps, n2);
    double loss = 0;
    long real = 0;
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < steps; t++) {
        int i = b * steps + t;
        if (t < lengths[b] && !Double.isNaN(targets[i])) {
          double a = output.activation(n2[i]);
          loss += output.loss(a, targets[i], mode);
          dn2[i] = output.delta(a, targets[i]);
          real++;
        } else {
          dn2[i] = 0;
        }
      }
    }
    if (mode == TrainingMode.MINIBATCH) {
      double inv = 1.0 / real;
      for (int i = 0; i < batch * steps; i++) {
        dn2[i] *= inv;
      }
    }
    Arrays.fill(grad, 0.0);
    cell.backward(params, dn2, grad);
    return loss / real;
  }

  /** The live parameter vector, in the layout of the cell's {@link Cell#tensors()}. */
  double[] parameters() {
    return params;
  }

  /** The live gradient vector that {@link #gradient} fills. */
  double[] gradientVector() {
    return grad;
  }

  /** Copies sequences {@code order[start..start+batch)} into the batch buffers; returns the padded length. */
  private int gather(SequenceSet set, int[] order, int start, int batch) {
    int steps = 0;
    for (int b = 0; b < batch; b++) {
      steps = Math.max(steps, set.lengths()[order[start + b]]);
    }
    ensureCapacity(batch, steps);
    int stride = set.maxLength();
    for (int b = 0; b < batch; b++) {
      int n = order[start + b];
      int len = set.lengths()[n];
      lengths[b] = len;
      System.arraycopy(set.inputs(), n * stride, inputs, b * steps, len);
      System.arraycopy(set.targets(), n * stride, targets, b * steps, len);
      Arrays.fill(inputs, b * steps + len, (b + 1) * steps, 0.0);
      Arrays.fill(targets, b * steps + len, (b + 1) * steps, 0.0);
    }
    return steps;
  }

  private void ensureCapacity(int batch, int steps) {
    int need = batch * steps;
    if (inputs.length < need) {
      inputs = new double[need];
      targets = new double[need];
      n2 = new double[need];
      dn2 = new double[need];
    }
    if (lengths.length < batch) {
      lengths = new int[batch];
    }
  }

  @Override
  public double[] predict(SequenceSet set) {
    double[] out = new double[set.inputs().length];
    int stride = set.maxLength();
    int[] all = new int[set.count()];
    Arrays.setAll(all, i -> i);
    for (int start = 0; start < all.length; start += PREDICT_BATCH) {
      int batch = Math.min(PREDICT_BATCH, all.length - start);
      int steps = gather(set, all, start, batch);
      cell.forward(params, inputs, lengths, batch, steps, n2);
      for (int b = 0; b < batch; b++) {
        for (int t = 0; t < lengths[b]; t++) {
          out[(start + b) * stride + t] = output.activation(n2[b * steps + t]);
        }
      }
    }
    return out;
  }

  /**
   * The initial weights {@link #create} gives {@code spec}'s cell, drawn from {@code rng} the same way; the
   * DL4J engine starts from them so that both engines start from the same point.
   */
  public static Weights initialWeights(RunSpec spec, SplittableRandom rng) {
    Cell cell = Cells.create(spec);
    double[] params = new double[cell.parameterCount()];
    cell.initialize(params, rng);
    return toWeights(cell, params);
  }

  @Override
  public Weights weights() {
    return toWeights(cell, params);
  }

  private static Weights toWeights(Cell cell, double[] params) {
    Map<String, NdArray> map = new LinkedHashMap<>();
    for (ParamTensor p : cell.tensors()) {
      map.put(p.name(), NdArray.matrix(p.rows(), p.cols(),
          Arrays.copyOfRange(params, p.offset(), p.end())));
    }
    return new Weights(map);
  }

  @Override
  public void setWeights(Weights weights) {
    List<String> problems = weights.misfits(weights());
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    for (ParamTensor p : cell.tensors()) {
      System.arraycopy(weights.get(p.name()).data(), 0, params, p.offset(), p.size());
    }
  }

  @Override
  public int parameterCount() {
    return params.length;
  }

  @Override
  public ModelState state() {
    return new ModelState(weights(), optimizer.snapshot());
  }

  @Override
  public void restore(ModelState state) {
    setWeights(state.weights());
    optimizer.restore(state.optimizer());
  }
}
