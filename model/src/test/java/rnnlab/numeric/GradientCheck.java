package rnnlab.numeric;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import rnnlab.optim.Sgd;
import rnnlab.spec.CellType;
import rnnlab.spec.ClipMode;
import rnnlab.spec.RunSpec;
import rnnlab.spec.SequenceSet;
import rnnlab.spec.TrainingMode;
import rnnlab.task.ParityTask;

/**
 * Finite-difference gradient check for any {@link Cell}, through {@link NumericModel}'s update gradient:
 * the analytic gradient is what {@link NumericModel#gradient} gives for one update (padding, masks and the
 * mode's scaling included); the numeric one is the central difference, in double precision, of that
 * update's objective recomputed independently from {@link NumericModel#predict} outputs: the sum (per
 * sequence) or the mean (minibatch) over real steps that have a target of the exact binary cross-entropy,
 * whose derivative at the output's net input is exactly {@code a2 - t}, or of the squared error
 * {@code (a2 - t)²} for the linear output.
 */
final class GradientCheck {

  /** Central-difference step. */
  static final double STEP = 1e-5;

  private GradientCheck() {}

  /**
   * What one check found.
   *
   * @param relativeError {@code |g_analytic - g_numeric| / max(|g_analytic|, |g_numeric|)} (L2 norms)
   * @param analyticNorm  {@code |g_analytic|}, to show the check was not of a vanishing gradient
   * @param reportedLoss  the mean BCE (with the lab's epsilon) that the update reported
   * @param exactLoss     the mean exact BCE over the same real steps
   */
  record Result(double relativeError, double analyticNorm, double reportedLoss, double exactLoss) {}

  /** A cell of the given type, built by {@link Cells#create} as a run would. */
  static Cell cell(CellType type, int s1, int delays) {
    return Cells.create(RunSpec.LAB.with(Map.of("cell", type, "hidden", s1, "delays", delays)));
  }

  /** Every parameter drawn from N(0,1)·scale, biases included. */
  static double[] randomParams(Cell cell, double scale, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] p = new double[cell.parameterCount()];
    for (int i = 0; i < p.length; i++) {
      p[i] = rng.nextGaussian() * scale;
    }
    return p;
  }

  /** A set of random bit sequences with the given lengths, padded to the longest, with window-2 targets. */
  static SequenceSet randomSet(int[] lengths, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int max = Arrays.stream(lengths).max().orElseThrow();
    double[] inputs = new double[lengths.length * max];
    double[] targets = new double[inputs.length];
    for (int n = 0; n < lengths.length; n++) {
      for (int t = 0; t < lengths[n]; t++) {
        inputs[n * max + t] = rng.nextInt(2);
      }
      ParityTask.targets(inputs, n * max, lengths[n], 2, targets);
    }
    return new SequenceSet(inputs, targets, lengths.clone(), max);
  }

  /**
   * A set like {@link #randomSet} for the regression output: targets drawn from U(0, 2), and the first step
   * of every sequence longer than one left without a target (NaN), as the adding problem leaves most steps.
   */
  static SequenceSet regressionSet(int[] lengths, long seed) {
    SequenceSet bits = randomSet(lengths, seed);
    SplittableRandom rng = new SplittableRandom(seed + 1);
    double[] targets = bits.targets().clone();
    int max = bits.maxLength();
    for (int n = 0; n < lengths.length; n++) {
      for (int t = 0; t < lengths[n]; t++) {
        targets[n * max + t] = t == 0 && lengths[n] > 1 ? Double.NaN : 2 * rng.nextDouble();
      }
    }
    return new SequenceSet(bits.inputs(), targets, bits.lengths(), max);
  }

  /** A model of {@code cell} with the lab's sigmoid output and BCE, without clipping. */
  static NumericModel model(Cell cell, double[] params, TrainingMode mode, int batchSize) {
    return model(cell, params, mode, batchSize, Output.SIGMOID_BCE);
  }

  /** A model of {@code cell} in {@code mode}, its parameters set to {@code params}, without clipping. */
  static NumericModel model(Cell cell, double[] params, TrainingMode mode, int batchSize, Output output) {
    NumericModel m = new NumericModel(cell, new Sgd(0.1), mode, batchSize, ClipMode.NONE, 1.0, output);
    System.arraycopy(params, 0, m.parameters(), 0, params.length);
    return m;
  }

  /**
   * Checks the gradient of the update over {@code set}'s sequences {@code first .. first+batch)} in
   * {@code mode}, with {@code cell}'s parameters at {@code params}.
   */
  static Result check(Cell cell, double[] params, TrainingMode mode, SequenceSet set, int first, int batch) {
    return check(cell, params, mode, set, first, batch, Output.SIGMOID_BCE);
  }

  /** As {@link #check(Cell, double[], TrainingMode, SequenceSet, int, int)} with the given output. */
  static Result check(Cell cell, double[] params, TrainingMode mode, SequenceSet set, int first, int batch,
      Output output) {
    NumericModel model = model(cell, params, mode, batch, output);
    int[] order = new int[set.count()];
    Arrays.setAll(order, i -> i);
    double reported = model.gradient(set, order, first, batch);
    double[] analytic = model.gradientVector().clone();
    SequenceSet part = slice(set, first, batch);
    long scored = scored(part);
    double scale = mode == TrainingMode.MINIBATCH ? 1.0 / scored : 1.0;
    double[] p = model.parameters();
    double[] numeric = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      double keep = p[i];
      p[i] = keep + STEP;
      double up = exactLossSum(model, part, output);
      p[i] = keep - STEP;
      double down = exactLossSum(model, part, output);
      p[i] = keep;
      numeric[i] = (up - down) * scale / (2 * STEP);
    }
    double diff = 0;
    double na = 0;
    double nn = 0;
    for (int i = 0; i < p.length; i++) {
      diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
      na += analytic[i] * analytic[i];
      nn += numeric[i] * numeric[i];
    }
    double denom = Math.max(Math.sqrt(na), Math.sqrt(nn));
    return new Result(Math.sqrt(diff) / denom, Math.sqrt(na), reported,
        exactLossSum(model, part, output) / scored);
  }

  /**
   * The sum over real steps with a target of {@code -[t log a2 + (1 - t) log(1 - a2)]} (sigmoid output) or
   * {@code (a2 - t)²} (linear output), a2 from the model's predict.
   */
  private static double exactLossSum(NumericModel model, SequenceSet set, Output output) {
    double[] a = model.predict(set);
    double sum = 0;
    for (int n = 0; n < set.count(); n++) {
      for (int t = 0; t < set.lengths()[n]; t++) {
        int i = n * set.maxLength() + t;
        double target = set.targets()[i];
        if (Double.isNaN(target)) {
          continue;
        }
        if (output == Output.LINEAR_MSE) {
          sum += (a[i] - target) * (a[i] - target);
        } else {
          sum -= target == 1 ? Math.log(a[i]) : Math.log1p(-a[i]);
        }
      }
    }
    return sum;
  }

  private static long scored(SequenceSet set) {
    long n = 0;
    for (int s = 0; s < set.count(); s++) {
      for (int t = 0; t < set.lengths()[s]; t++) {
        n += Double.isNaN(set.targets()[s * set.maxLength() + t]) ? 0 : 1;
      }
    }
    return n;
  }

  /** Sequences {@code first .. first+count)} of {@code set}, keeping its padded length. */
  static SequenceSet slice(SequenceSet set, int first, int count) {
    int stride = set.maxLength();
    return new SequenceSet(
        Arrays.copyOfRange(set.inputs(), first * stride, (first + count) * stride),
        Arrays.copyOfRange(set.targets(), first * stride, (first + count) * stride),
        Arrays.copyOfRange(set.lengths(), first, first + count), stride);
  }
}
