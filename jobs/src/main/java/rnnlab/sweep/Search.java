package rnnlab.sweep;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rnnlab.train.RunResult;

/**
 * The {@code search:} section of a sweep: how runs are chosen (a sampler) and stopped early (a scheduler).
 *
 * <pre>
 * search:
 *   scheduler: asha          # none (default) or asha: asynchronous successive halving
 *   sampler: tpe             # random (default) or tpe: proposals learnt from finished runs
 *   metric: test_accuracy    # what both rank runs by (see Metric)
 *   min_epochs: 2            # asha: the first rung
 *   reduction: 3             # asha: η, keep the top 1/η at each rung
 *   startup: 10              # tpe: random points before TPE starts
 *   parallel: 4              # tpe without asha: points proposed per wave
 *   enqueue: [{lr: 0.1, optimizer: sgd}]   # points trained first (tpe, asha), counted in the budget
 * </pre>
 *
 * @param scheduler  none or asha
 * @param sampler    random or tpe
 * @param metric     what runs are ranked by
 * @param minEpochs  asha's first rung, in epochs (r)
 * @param reduction  asha's reduction factor η (at least 2)
 * @param startup    tpe's random runs before it models the results
 * @param parallel   tpe's points per wave (without asha, which asks for one run per free core)
 * @param enqueue    points trained before the sampler's own, each a value (as written) for some of the random
 *                   axes, by key; see {@link Sweep#enqueued()}
 * @param line       1-based line of the {@code search:} key; 0 when the file has none
 */
public record Search(Scheduler scheduler, Sampler sampler, Metric metric, int minEpochs, int reduction,
    int startup, int parallel, List<Map<String, Object>> enqueue, int line) {

  /** Ray Tune's grace period. */
  public static final int DEFAULT_MIN_EPOCHS = 1;
  /** Ray Tune's and Optuna's reduction factor. */
  public static final int DEFAULT_REDUCTION = 4;
  /** Optuna's {@code n_startup_trials}. */
  public static final int DEFAULT_STARTUP = 10;
  /** Runs per TPE wave when the file gives none. */
  public static final int DEFAULT_PARALLEL = 4;

  /** The search of a sweep without a {@code search:} section: every run to the end, as expanded. */
  public static final Search NONE = new Search(Scheduler.NONE, Sampler.RANDOM, Metric.TEST_ACCURACY,
      DEFAULT_MIN_EPOCHS, DEFAULT_REDUCTION, DEFAULT_STARTUP, DEFAULT_PARALLEL, List.of(), 0);

  /** The points, immutable. */
  public Search {
    enqueue = enqueue.stream().map(Map::copyOf).toList();
  }

  /** How runs are stopped early. */
  public enum Scheduler {
    /** Every run trains all its epochs. */
    NONE,
    /** Asynchronous successive halving (Li et al., MLSys 2020). */
    ASHA;

    /** The name in a sweep file. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where new runs come from. */
  public enum Sampler {
    /** The sweep's expansion: grid points and random draws from the sweep's seed. */
    RANDOM,
    /** Tree-structured Parzen estimators (Bergstra et al., NeurIPS 2011) over the random ranges. */
    TPE;

    /** The name in a sweep file. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A per-run figure a search ranks by, and whether more is better. */
  public enum Metric {
    /** Held-out accuracy at the training length: maximised. */
    TEST_ACCURACY(true),
    /** Held-out accuracy on sequences five times longer: maximised. */
    LONG_ACCURACY(true),
    /** Accuracy on the training set: maximised. */
    TRAIN_ACCURACY(true),
    /** The loss of the last epoch run: minimised. */
    FINAL_LOSS(false);

    private final boolean maximised;

    Metric(boolean maximised) {
      this.maximised = maximised;
    }

    /** True when a larger value is better. */
    public boolean maximised() {
      return maximised;
    }

    /** The name in a sweep file and in the store. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** This metric of a run's result; NaN when the run has none (failed, or no epoch ran). */
    public double of(RunResult result) {
      return switch (this) {
        case TEST_ACCURACY -> result.testAccuracy();
        case LONG_ACCURACY -> result.longAccuracy();
        case TRAIN_ACCURACY -> result.trainAccuracy();
        case FINAL_LOSS -> result.finalLoss();
      };
    }

    /** Every label, in declaration order. */
    public static List<String> labels() {
      return Arrays.stream(values()).map(Metric::label).toList();
    }
  }

  /** True when the file asked for anything but training every expanded run to the end. */
  public boolean adaptive() {
    return scheduler != Scheduler.NONE || sampler != Sampler.RANDOM;
  }
}
