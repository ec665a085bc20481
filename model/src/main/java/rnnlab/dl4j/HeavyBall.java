package rnnlab.dl4j;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Classic (heavy-ball) momentum as a DL4J updater, PyTorch's {@code SGD(momentum=μ)}: per element, from
 * {@code v = 0}, {@code v = μ·v + g} and the update {@code lr·v} (DL4J subtracts it from the parameters).
 * DL4J ships only the Nesterov variant ({@code Nesterovs}, which equals PyTorch's {@code nesterov=True}),
 * so the lab's {@code momentum} optimizer runs through this updater inside DL4J's updater machinery.
 */
public final class HeavyBall implements IUpdater {

  private static final long serialVersionUID = 1L;

  private final double lr;
  private final double momentum;

  /** Learning rate {@code lr}, momentum coefficient {@code momentum}. */
  public HeavyBall(@JsonProperty("lr") double lr, @JsonProperty("momentum") double momentum) {
    this.lr = lr;
    this.momentum = momentum;
  }

  /** The learning rate. */
  public double getLr() {
    return lr;
  }

  /** The momentum coefficient. */
  public double getMomentum() {
    return momentum;
  }

  @Override
  public long stateSize(long numParams) {
    return numParams;
  }

  @Override
  public GradientUpdater<HeavyBall> instantiate(INDArray viewArray, boolean initializeViewArray) {
    Velocity u = new Velocity(this);
    u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
    return u;
  }

  @Override
  public GradientUpdater<HeavyBall> instantiate(Map<String, INDArray> state, boolean initializeStateArrays) {
    Velocity u = new Velocity(this);
    u.setState(state, initializeStateArrays);
    return u;
  }

  @Override
  public HeavyBall clone() {
    return new HeavyBall(lr, momentum);
  }

  @Override
  public double getLearningRate(int iteration, int epoch) {
    return lr;
  }

  @Override
  public boolean hasLearningRate() {
    return true;
  }

  @Override
  public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
    throw new UnsupportedOperationException("HeavyBall has a fixed learning rate");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeavyBall h && h.lr == lr && h.momentum == momentum;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(lr) * 31 + Double.hashCode(momentum);
  }

  @Override
  public String toString() {
    return "HeavyBall(lr=" + lr + ", momentum=" + momentum + ")";
  }

  /** The updater's state: the velocity v, a view of DL4J's updater state array. */
  private static final class Velocity implements GradientUpdater<HeavyBall> {

    private static final String V = "V";

    private final HeavyBall config;
    private INDArray v;

    Velocity(HeavyBall config) {
      this.config = config;
    }

    @Override
    public HeavyBall getConfig() {
      return config;
    }

    @Override
    public void setState(Map<String, INDArray> state, boolean initialize) {
      if (!state.containsKey(V) || state.size() != 1) {
        throw new IllegalStateException("HeavyBall expects state {" + V + "}, got " + state.keySet());
      }
      v = state.get(V);
      if (initialize) {
        v.assign(0);
      }
    }

    @Override
    public Map<String, INDArray> getState() {
      return Map.of(V, v);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder,
        boolean initialize) {
      if (initialize) {
        viewArray.assign(0);
      }
      v = viewArray.reshape(gradientOrder, gradientShape);
    }

    /** Turns {@code gradient} into the update {@code lr·v} after {@code v = μ·v + g}. */
    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
      v.muli(config.momentum).addi(gradient);
      gradient.assign(v).muli(config.lr);
    }
  }
}
