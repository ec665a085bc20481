package rnnlab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import rnnlab.spec.RunState;

/**
 * Hyperparameter importance by fANOVA ({@link Fanova}) over the varied keys of a set of runs: each key's
 * share of the variance of the metric that a random forest explains. Numeric keys are features on their
 * range as stored (bounds: the smallest and largest value among the runs), other keys one-hot, one column
 * per value, their columns taken together; the same encoding as Optuna 3.1.0's fANOVA evaluator.
 *
 * @param key        a varied spec key
 * @param importance its share, the shares of all keys summing to 1
 */
public record Importance(String key, double importance) {

  /** Most runs the forest is fitted to; more are subsampled (seeded), as fANOVA slows past ~1,000. */
  public static final int MAX_RUNS = 1000;

  /**
   * One varied key of a study.
   *
   * @param key     the spec key
   * @param choices its values when categorical (in order); empty when numeric
   * @param low     smallest value (numeric)
   * @param high    largest value (numeric)
   */
  public record Param(String key, List<Object> choices, double low, double high) {

    /** True when the key is a number. */
    public boolean numeric() {
      return choices.isEmpty();
    }
  }

  /**
   * The table of runs importance is computed from: ok runs with a finite metric.
   *
   * @param params the keys that vary among those runs
   * @param values each run's values of the keys, in {@code params} order
   * @param metric each run's metric
   */
  public record Study(List<Param> params, List<List<Object>> values, double[] metric) {

    /** The study of {@code runs} over {@code keys} for {@code metric}, at most {@link #MAX_RUNS} runs. */
    public static Study of(List<StoredRun> runs, List<String> keys, Metric metric) {
      List<StoredRun> usable = new ArrayList<>(runs.stream()
          .filter(r -> r.state() == RunState.OK && Double.isFinite(metric.of(r))).toList());
      if (usable.size() > MAX_RUNS) {
        Collections.shuffle(usable, new Random(usable.size()));
        usable = usable.subList(0, MAX_RUNS);
      }
      List<Param> params = new ArrayList<>();
      List<String> varied = new ArrayList<>();
      for (String key : keys) {
        List<Object> distinct = Aggregates.distinct(usable, key);
        if (distinct.size() < 2) {
          continue; // varied among all runs, but not among these
        }
        varied.add(key);
        if (distinct.stream().allMatch(v -> v instanceof Number)) {
          double[] numbers = distinct.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
          params.add(new Param(key, List.of(), numbers[0], numbers[numbers.length - 1]));
        } else {
          params.add(new Param(key, distinct, 0, 0));
        }
      }
      List<List<Object>> values = usable.stream().map(r -> Aggregates.values(r, varied)).toList();
      return new Study(List.copyOf(params), values, usable.stream().mapToDouble(metric::of).toArray());
    }
  }

  /**
   * The importance of every param of {@code study}, largest first; empty when fewer than two runs, or when
   * the metric does not vary.
   */
  public static List<Importance> of(Study study, long seed) {
    int n = study.metric().length;
    if (n < 2 || study.params().isEmpty()) {
      return List.of();
    }
    List<double[]> bounds = new ArrayList<>();
    List<int[]> groups = new ArrayList<>();
    for (Param p : study.params()) {
      int first = bounds.size();
      if (p.numeric()) {
        bounds.add(new double[] {p.low(), p.high()});
      } else {
        p.choices().forEach(c -> bounds.add(new double[] {0, 1}));
      }
      int[] group = new int[bounds.size() - first];
      for (int i = 0; i < group.length; i++) {
        group[i] = first + i;
      }
      groups.add(group);
    }
    double[][] x = new double[n][bounds.size()];
    for (int r = 0; r < n; r++) {
      int column = 0;
      for (int k = 0; k < study.params().size(); k++) {
        Param p = study.params().get(k);
        Object v = study.values().get(r).get(k);
        if (p.numeric()) {
          x[r][column++] = ((Number) v).doubleValue();
        } else {
          for (Object choice : p.choices()) {
            x[r][column++] = choice.equals(v) ? 1 : 0;
          }
        }
      }
    }
    Fanova fanova = new Fanova(x, study.metric(), bounds.toArray(double[][]::new), seed);
    double[] raw = groups.stream().mapToDouble(fanova::importance).toArray();
    double total = Arrays.stream(raw).sum();
    if (!(total > 0)) {
      return List.of();
    }
    List<Importance> out = new ArrayList<>();
    for (int k = 0; k < raw.length; k++) {
      out.add(new Importance(study.params().get(k).key(), raw[k] / total));
    }
    out.sort(Comparator.comparingDouble(Importance::importance).reversed().thenComparing(Importance::key));
    return List.copyOf(out);
  }
}
