package rnnlab.dl4j;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import rnnlab.numeric.Clipping;
import rnnlab.spec.CellType;
import rnnlab.spec.ClipMode;
import rnnlab.spec.OptimizerType;
import rnnlab.spec.RunSpec;
import rnnlab.spec.TrainingMode;

/**
 * Builds the DL4J network of a run: layer 0 {@code SimpleRnn} (tanh) or {@code LSTM} (tanh, sigmoid gates, no
 * peepholes) with S1 units on one input, layer 1 an {@code RnnOutputLayer} with one sigmoid unit and {@link
 * LabBce} (binary tasks) or one identity unit and {@link LabMse} (regression); double precision, workspaces
 * on, {@code miniBatch(false)} (the loss does the lab's scaling). Clipping: per-tensor is DL4J's {@code
 * ClipL2PerParamType} (each of {@code 0_W, 0_RW, 0_b, 1_W, 1_b} on its own, the lab's per-tensor rule);
 * global is done by {@link GradientHook} on the whole gradient view, since DL4J's {@code
 * GradientNormalization} has no whole-network clipping.
 */
final class Networks {

  private Networks() {}

  /** A new, initialised network for {@code spec} with {@code hook} as its only training listener. */
  static MultiLayerNetwork build(RunSpec spec, GradientHook hook) {
    int s1 = spec.hidden();
    Layer hidden = switch (spec.cell()) {
      case RNN -> new SimpleRnn.Builder().nIn(1).nOut(s1).activation(Activation.TANH).build();
      case LSTM -> new LSTM.Builder().nIn(1).nOut(s1).activation(Activation.TANH)
          .gateActivationFunction(Activation.SIGMOID).forgetGateBiasInit(1.0).build();
      case GRU, FTDNN -> throw unsupported(spec.cell());
    };
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .dataType(DataType.DOUBLE)
        .seed(spec.seed())
        .updater(updater(spec))
        .miniBatch(false)
        .gradientNormalization(spec.clip() == ClipMode.PER_TENSOR ? GradientNormalization.ClipL2PerParamType
            : GradientNormalization.None)
        .gradientNormalizationThreshold(spec.clipNorm())
        .trainingWorkspaceMode(WorkspaceMode.ENABLED)
        .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
        .list()
        .layer(hidden)
        .layer(output(spec, s1))
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    net.setListeners(hook);
    if (spec.optimizer() == OptimizerType.RMSPROP) {
      // ND4J starts RmsProp's mean square at epsilon; the lab (PyTorch) starts it at 0.
      net.getUpdater().getStateViewArray().assign(0);
    }
    return net;
  }

  /**
   * The output layer of the spec's task: one sigmoid unit with {@link LabBce} (binary tasks) or one linear
   * unit with {@link LabMse}, DL4J's MSE with the lab's scaling (regression).
   */
  private static RnnOutputLayer output(RunSpec spec, int s1) {
    boolean mean = spec.mode() == TrainingMode.MINIBATCH;
    RnnOutputLayer.Builder b = spec.task().regression()
        ? new RnnOutputLayer.Builder(new LabMse(mean)).activation(Activation.IDENTITY)
        : new RnnOutputLayer.Builder(new LabBce(mean)).activation(Activation.SIGMOID);
    return b.nIn(s1).nOut(1).build();
  }

  /** The error for a cell DL4J has no layer for. */
  static IllegalArgumentException unsupported(CellType cell) {
    return new IllegalArgumentException("engine dl4j cannot run cell " + cell.label()
        + " (DL4J 1.0.0-M2.1 has no such layer for MultiLayerNetwork); use engine numeric");
  }

  /**
   * DL4J's updater for the spec's optimizer and hyperparameters. SGD is DL4J's {@code Sgd}, the same rule.
   * Momentum is {@link HeavyBall} (DL4J has only Nesterov momentum). RMSProp is DL4J's {@code RmsProp},
   * {@code lr·g / (sqrt(s) + ε)} as the lab, once its state, which ND4J starts at ε, is set to 0 (done in
   * {@link #build}). Adam is DL4J's {@code Adam}, which adds ε to the uncorrected {@code sqrt(v)}: its step
   * is {@code lr·m̂ / (sqrt(v̂) + ε / sqrt(1 - β2^k))} where the lab's has {@code + ε}; the two agree to
   * about {@code 30·ε / |g|} relative in the first steps (β2 = 0.999) and converge as k grows.
   */
  static IUpdater updater(RunSpec spec) {
    return switch (spec.optimizer()) {
      case SGD -> new Sgd(spec.lr());
      case ADAM -> new Adam(spec.lr(), spec.beta1(), spec.beta2(), spec.epsilon());
      case RMSPROP -> new RmsProp(spec.lr(), spec.rho(), spec.epsilon());
      case MOMENTUM -> new HeavyBall(spec.lr(), spec.momentum());
    };
  }

  /**
   * Sees each update's gradient after backprop and before DL4J's clipping and updater: records its global
   * L2 norm and, for global clipping, scales the whole gradient view by {@code max / (norm + 1e-6)} when
   * that is below 1 (PyTorch's {@code clip_grad_norm_}, as {@link Clipping} does).
   */
  static final class GradientHook extends BaseTrainingListener {

    private final ClipMode clip;
    private final double max;
    private double normSum;

    GradientHook(ClipMode clip, double max) {
      this.clip = clip;
      this.max = max;
    }

    @Override
    public void onGradientCalculation(Model model) {
      INDArray g = model.gradient().gradient();
      double norm = g.norm2Number().doubleValue();
      normSum += norm;
      if (clip == ClipMode.GLOBAL) {
        double coef = max / (norm + Clipping.GLOBAL_EPSILON);
        if (coef < 1) {
          g.muli(coef);
        }
      }
    }

    /** Sum of the global gradient norms (before clipping) since the last {@link #reset}. */
    double normSum() {
      return normSum;
    }

    void reset() {
      normSum = 0;
    }
  }
}
