package rnnlab.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import rnnlab.numeric.Losses;

/**
 * The lab's binary cross-entropy as a DL4J loss, for an output layer with sigmoid activation: at each real
 * step {@code -[t log(a + 1e-7) + (1 - t) log(1 - a + 1e-7)]} (the NumPy part's, per-sequence mode) or
 * PyTorch's {@code nn.BCELoss} with each log clamped at -100 (minibatch mode; see
 * {@link Losses#torchBce}), and the gradient at the output's
 * net input {@code dL/dn2 = a - t} exactly (DL4J's own {@code LossBinaryXENT} clips {@code a} to
 * {@code [1e-5, 1 - 1e-5]} and differentiates through {@code (a - t) / (a (1 - a))}, which departs from
 * {@code a - t} once the output saturates).
 *
 * <p>The score (what {@code MultiLayerNetwork.score()} reports) is always the mean over real steps, the
 * lab's loss. The gradient is the sum over real steps ({@code meanGradient = false}: the lab's per-sequence
 * mode) or their mean ({@code meanGradient = true}: minibatch mode). The network must be built with
 * {@code miniBatch(false)} so that DL4J does not divide the gradient by the number of sequences again.
 * Padded steps carry a 0 in the mask (rows of {@code [batch * steps, 1]}) and contribute nothing.
 */
public final class LabBce implements ILossFunction {

  private static final long serialVersionUID = 1L;

  private final boolean meanGradient;

  /** A loss whose gradient is the mean over real steps when {@code meanGradient}, else their sum. */
  public LabBce(@JsonProperty("meanGradient") boolean meanGradient) {
    this.meanGradient = meanGradient;
  }

  /** True when the gradient is the mean over real steps rather than their sum. */
  public boolean isMeanGradient() {
    return meanGradient;
  }

  @Override
  public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
      boolean average) {
    return computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue()
        / realSteps(labels, mask);
  }

  @Override
  public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn,
      INDArray mask) {
    INDArray a = activationFn.getActivation(preOutput.dup(), false);
    INDArray logA;
    INDArray logNotA;
    if (meanGradient) {
      logA = Transforms.max(Transforms.log(a, true), Losses.TORCH_LOG_FLOOR, false);
      logNotA = Transforms.max(Transforms.log(a.rsub(1.0), false), Losses.TORCH_LOG_FLOOR, false);
    } else {
      logA = Transforms.log(a.add(Losses.BCE_EPSILON), false);
      logNotA = Transforms.log(a.rsub(1.0).addi(Losses.BCE_EPSILON), false);
    }
    INDArray notT = labels.rsub(1.0);
    INDArray score = labels.mul(logA).addi(notT.muli(logNotA)).negi();
    if (mask != null) {
      score.muli(mask);
    }
    return score.sum(true, 1);
  }

  @Override
  public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn,
      INDArray mask) {
    INDArray grad = activationFn.getActivation(preOutput.dup(), true).subi(labels);
    if (mask != null) {
      grad.muli(mask);
    }
    if (meanGradient) {
      grad.divi(realSteps(labels, mask));
    }
    return grad;
  }

  @Override
  public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
      IActivation activationFn, INDArray mask, boolean average) {
    return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
        computeGradient(labels, preOutput, activationFn, mask));
  }

  /** The steps the loss counts: the mask's ones, or every row of the labels without a mask. */
  static double realSteps(INDArray labels, INDArray mask) {
    return mask == null ? labels.size(0) : mask.sumNumber().doubleValue();
  }

  @Override
  public String name() {
    return "LabBce(" + (meanGradient ? "mean" : "sum") + ")";
  }

  @Override
  public String toString() {
    return name();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabBce other && other.meanGradient == meanGradient;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(meanGradient);
  }
}
