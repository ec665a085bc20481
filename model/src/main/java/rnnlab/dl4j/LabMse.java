package rnnlab.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's own mean squared error ({@code LossMSE}: {@code (a - t)²} per step, gradient {@code 2 (a - t)}
 * through the activation, here the identity) with the lab's scaling, for the regression tasks' linear
 * output: the score is the mean over the steps the labels mask counts (real steps with a target), the
 * gradient their sum ({@code meanGradient = false}: per-sequence mode) or their mean (minibatch mode), as
 * {@link LabBce} scales the binary cross-entropy. The network must be built with {@code miniBatch(false)}.
 */
public final class LabMse extends LossMSE {

  private static final long serialVersionUID = 1L;

  private final boolean meanGradient;

  /** A loss whose gradient is the mean over scored steps when {@code meanGradient}, else their sum. */
  public LabMse(@JsonProperty("meanGradient") boolean meanGradient) {
    this.meanGradient = meanGradient;
  }

  /** True when the gradient is the mean over scored steps rather than their sum. */
  public boolean isMeanGradient() {
    return meanGradient;
  }

  @Override
  public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
      boolean average) {
    return computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue()
        / LabBce.realSteps(labels, mask);
  }

  @Override
  public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn,
      INDArray mask) {
    INDArray grad = super.computeGradient(labels, preOutput, activationFn, mask);
    return meanGradient ? grad.divi(LabBce.realSteps(labels, mask)) : grad;
  }

  @Override
  public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
      IActivation activationFn, INDArray mask, boolean average) {
    return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
        computeGradient(labels, preOutput, activationFn, mask));
  }

  @Override
  public String name() {
    return "LabMse(" + (meanGradient ? "mean" : "sum") + ")";
  }

  @Override
  public String toString() {
    return name();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabMse other && other.meanGradient == meanGradient;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(meanGradient) + 31;
  }
}
