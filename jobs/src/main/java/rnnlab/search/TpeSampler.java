package rnnlab.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import rnnlab.sweep.Range;
import rnnlab.sweep.Search;
import rnnlab.sweep.Sweep;
import rnnlab.train.RunResult;
import rnnlab.spec.RunSpec;

/**
 * TPE over a sweep's random ranges, in deterministic waves. The budget is {@code random.draws} points: the
 * first {@code startup} are the sweep's enqueued points ({@code search.enqueue}) then its own first random
 * draws (the same runs random search starts with), then waves of {@code parallel} proposals. With several
 * seeds ({@code seeds}/{@code replicates}) each point is trained once per seed ({@link #replicas}) and ranked
 * by the mean ({@link #mean}); grid axes make one sampler per grid point ({@link #studies}). Wave k is drawn
 * from the k-th split of a stream seeded with the sweep's seed and from the results of every earlier run in
 * proposal order, never in completion order, so the same sweep file gives the same runs whatever the
 * executors' timing, and a resumed sweep continues the same sequence.
 */
public final class TpeSampler {

  /**
   * A finished run as the sampler learns from it.
   *
   * @param spec   the run
   * @param metric its value of the sweep's metric (NaN when it has none: failed, diverged)
   */
  public record Scored(RunSpec spec, double metric) {

    /** The run of {@code result} with its value of {@code metric}. */
    public static Scored of(RunResult result, Search.Metric metric) {
      return new Scored(result.spec(), metric.of(result));
    }
  }

  private final Sweep sweep;
  private final Search search;
  private final List<String> keys;
  private final List<Range> ranges;
  private final Tpe tpe;

  /**
   * The sampler of {@code sweep}.
   *
   * @throws IllegalArgumentException when the sweep does not ask for TPE over random ranges
   */
  public TpeSampler(Sweep sweep) {
    if (sweep.search().sampler() != Search.Sampler.TPE || sweep.random().isEmpty()) {
      throw new IllegalArgumentException("sweep " + sweep.name() + " does not ask for sampler: tpe over"
          + " random ranges");
    }
    this.sweep = sweep;
    this.search = sweep.search();
    this.keys = new ArrayList<>(sweep.random().keySet());
    this.ranges = sweep.random().values().stream().map(Sweep.RandomAxis::range).toList();
    List<Tpe.Parameter> space = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      space.add(parameter(ranges.get(i), RunSpec.typeOf(keys.get(i))));
    }
    this.tpe = new Tpe(space);
  }

  private static Tpe.Parameter parameter(Range range, Class<?> type) {
    boolean integer = type == int.class || type == long.class;
    if (range instanceof Range.Uniform u) {
      return new Tpe.Numeric(u.lo(), u.hi(), false, integer);
    } else if (range instanceof Range.LogUniform l) {
      return new Tpe.Numeric(l.lo(), l.hi(), true, integer);
    }
    return new Tpe.Categorical(((Range.Pick) range).values().size());
  }

  /**
   * The TPE studies of {@code sweep}: one per grid point, in the sweep's grid order (the last axis varying
   * fastest), each the sweep with that point's values fixed and named {@code NAME[key=value,...]}; the sweep
   * itself without grid axes. Grid axes are conditions the lab wants an answer for each, so each point gets
   * the whole budget; every study draws its startup points and waves from the sweep's seed, as random search
   * draws the same points at every grid point.
   */
  public static List<Sweep> studies(Sweep sweep) {
    List<Sweep> out = new ArrayList<>();
    List<Map<String, Sweep.Setting>> points = new ArrayList<>();
    for (Map<String, List<Sweep.Setting>> block : sweep.grids().isEmpty() ? List.of(
        Map.<String, List<Sweep.Setting>>of()) : sweep.grids()) {
      List<Map<String, Sweep.Setting>> blockPoints = new ArrayList<>();
      blockPoints.add(new LinkedHashMap<>());
      for (Map.Entry<String, List<Sweep.Setting>> axis : block.entrySet()) {
        List<Map<String, Sweep.Setting>> next = new ArrayList<>();
        for (Map<String, Sweep.Setting> p : blockPoints) {
          for (Sweep.Setting value : axis.getValue()) {
            Map<String, Sweep.Setting> q = new LinkedHashMap<>(p);
            q.put(axis.getKey(), value);
            next.add(q);
          }
        }
        blockPoints = next;
      }
      points.addAll(blockPoints);
    }
    for (Map<String, Sweep.Setting> point : points) {
      if (point.isEmpty()) {
        return List.of(sweep);
      }
      Map<String, Sweep.Setting> fixed = new LinkedHashMap<>(sweep.fixed());
      fixed.putAll(point);
      List<String> values = new ArrayList<>();
      point.forEach((k, v) -> values.add(k + "=" + v.value()));
      String name = sweep.name() + "[" + String.join(",", values) + "]";
      out.add(new Sweep(sweep.file(), name, sweep.seed(), fixed, List.of(), sweep.draws(), sweep.random(),
          sweep.seeds(), sweep.notices(), sweep.search()));
    }
    return out;
  }

  /** The runs of the whole budget. */
  public int budget() {
    return sweep.draws();
  }

  /**
   * The points TPE starts from: the sweep's enqueued points ({@link Sweep#enqueued()}) then its first random
   * draws, {@link #startupCount()} in all, in order, each as its run with the sweep's first seed
   * ({@link #replicas} gives the others).
   */
  public List<RunSpec> startup() {
    List<RunSpec> runs = sweep.runs();
    if (sweep.seeds().size() > 1) {
      Object first = RunSpec.parse("seed", sweep.seeds().get(0).value());
      runs = runs.stream().filter(r -> RunSpec.parse("seed", r.toMap().get("seed")).equals(first)).toList();
    }
    List<RunSpec> out = new ArrayList<>(sweep.enqueued());
    out.addAll(runs.subList(0, Math.min(Math.max(0, search.startup() - out.size()), runs.size())));
    return out;
  }

  /**
   * Points before TPE's first wave: {@code startup}, or the enqueued points when there are more of them
   * (enqueued points count as startup points, as in Optuna).
   */
  public int startupCount() {
    return Math.max(search.startup(), search.enqueue().size());
  }

  /**
   * The runs of the point of {@code spec}: one per seed of the sweep's {@code seeds}/{@code replicates}, in
   * their order; just {@code spec} when the sweep lists at most one seed.
   */
  public List<RunSpec> replicas(RunSpec spec) {
    if (sweep.seeds().size() <= 1) {
      return List.of(spec);
    }
    return sweep.seeds().stream().map(s -> spec.with("seed", s.value())).toList();
  }

  /**
   * What TPE ranks a point by: the mean of its runs' metric over the seeds; NaN (ranked last) when a seed's
   * run has none (it failed or diverged), so a point must work for every seed to look good.
   */
  public static double mean(List<Double> metrics) {
    return metrics.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /**
   * Wave {@code k} (from 0) of proposals after the startup runs: {@code parallel} runs, fewer when the budget
   * ends; each proposed with the wave's earlier points counted as the worst results (the constant liar,
   * {@link Tpe#wave}), so a wave does not repeat itself.
   *
   * @param earlier every run proposed before this wave with its metric, in proposal order (startup runs
   *                first)
   */
  public List<RunSpec> wave(int k, List<Scored> earlier) {
    int size = Math.min(search.parallel(), budget() - startupCount() - k * search.parallel());
    if (size <= 0) {
      return List.of();
    }
    List<RunSpec> out = new ArrayList<>();
    for (double[] p : tpe.wave(trials(earlier), List.of(), size, stream(k))) {
      out.add(spec(p));
    }
    return out;
  }

  /**
   * Proposal {@code n} (from 0) after the startup runs, one at a time, as early stopping asks for new runs:
   * drawn from the n-th split of the sweep's stream, as a wave of one would be ({@code parallel: 1}), with
   * the runs still training counted as the worst results (the constant liar).
   *
   * @param earlier the results TPE learns from, in the order the driver saw them
   * @param running the runs started that have not reported yet, in the order they were started
   */
  public RunSpec proposal(int n, List<Scored> earlier, List<RunSpec> running) {
    List<double[]> pending = running.stream().map(this::point).toList();
    return spec(tpe.wave(trials(earlier), pending, 1, stream(n)).get(0));
  }

  private List<Tpe.Trial> trials(List<Scored> scored) {
    List<Tpe.Trial> history = new ArrayList<>();
    for (Scored r : scored) {
      history.add(new Tpe.Trial(point(r.spec()), search.metric().maximised() ? -r.metric() : r.metric()));
    }
    return history;
  }

  /** The k-th split (from 0) of the stream seeded with the sweep's seed. */
  private SplittableRandom stream(int k) {
    SplittableRandom waves = new SplittableRandom(sweep.seed());
    SplittableRandom rng = waves.split();
    for (int i = 0; i < k; i++) {
      rng = waves.split();
    }
    return rng;
  }

  /** How many waves the budget holds after the startup runs. */
  public int waves() {
    int rest = budget() - startupCount();
    return rest <= 0 ? 0 : (rest + search.parallel() - 1) / search.parallel();
  }

  /** The run of a point: numbers for ranges (integers for integer keys), the indexed value for choices. */
  RunSpec spec(double[] point) {
    Map<String, Object> drawn = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      Class<?> type = RunSpec.typeOf(keys.get(i));
      Object value = ranges.get(i) instanceof Range.Pick pick ? pick.values().get((int) point[i])
          : type == double.class ? (Object) point[i] : (Object) Math.round(point[i]);
      drawn.put(keys.get(i), value);
    }
    return sweep.run(drawn);
  }

  /** The point of a run's spec: its value of each random axis, a choice as its index. */
  double[] point(RunSpec spec) {
    Map<String, Object> values = spec.toMap();
    double[] p = new double[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      Object value = RunSpec.parse(key, values.get(key));
      if (ranges.get(i) instanceof Range.Pick pick) {
        p[i] = indexOf(pick, key, value);
      } else {
        p[i] = ((Number) value).doubleValue();
      }
    }
    return p;
  }

  private static int indexOf(Range.Pick pick, String key, Object value) {
    for (int j = 0; j < pick.values().size(); j++) {
      if (RunSpec.parse(key, pick.values().get(j)).equals(value)) {
        return j;
      }
    }
    throw new IllegalArgumentException(key + " = " + value + " is not among the choices " + pick.values());
  }
}
