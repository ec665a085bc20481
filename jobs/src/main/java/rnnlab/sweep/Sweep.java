package rnnlab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import rnnlab.spec.Problem;
import rnnlab.spec.RunSpec;

/**
 * A parsed sweep: fixed settings, grid axes, random-search axes and seeds. Build one with
 * {@link SweepFile#load}, which validates it.
 *
 * <p>Expansion order is fixed: grid blocks in file order, in each the grid points (axes in
 * {@link RunSpec#keys()} order, the last axis varying fastest), then for each grid point every random draw
 * (drawn once, up front, from the sweep's {@code seed}), then every run seed. Runs with the same spec (e.g.
 * two random draws of the same choice) appear once.
 *
 * <p>With {@code sampler: tpe} (see {@link Search}) the random draws are the budget's random runs: TPE's
 * startup runs are the first {@code startup} of {@link #runs()}, so that TPE and random search from the same
 * seed start from the same runs; later runs come from the sampler.
 *
 * @param file    the sweep file as the user named it
 * @param name    the sweep's name (the default output folder is {@code results/NAME})
 * @param seed    seed of the random-search draws
 * @param fixed   settings shared by every run, by spec key
 * @param grids   grid blocks, each its axes by spec key in spec order: every combination of a block's
 *                values is tried; the runs are those of every block (one block for a plain grid, none
 *                without a grid)
 * @param draws   random-search draws; 0 without a {@code random} section
 * @param random  random-search axes, by spec key in spec order
 * @param seeds   run seeds each point is repeated with; empty to keep the spec's {@code seed}
 * @param notices what the file should change but that does not stop it (a deprecated key), with lines
 * @param search  how runs are chosen and stopped early; {@link Search#NONE} trains every run to the end
 */
public record Sweep(String file, String name, long seed, Map<String, Setting> fixed,
    List<Map<String, List<Setting>>> grids, int draws, Map<String, RandomAxis> random, List<Setting> seeds,
    List<Problem> notices, Search search) {

  /**
   * A value and where it was written.
   *
   * @param value the value as parsed (text, number, boolean) or drawn
   * @param line  1-based line in the sweep file
   */
  public record Setting(Object value, int line) {}

  /**
   * A random-search axis.
   *
   * @param range where values are drawn from
   * @param line  1-based line of the axis in the sweep file
   */
  public record RandomAxis(Range range, int line) {}

  /**
   * Runs before removing repeated specs: grid points x random draws x seeds, saturating at Long.MAX_VALUE.
   */
  public long pointCount() {
    long points = 0;
    for (Map<String, List<Setting>> grid : blocks()) {
      long n = 1;
      for (List<Setting> axis : grid.values()) {
        n = times(n, axis.size());
      }
      points = n == Long.MAX_VALUE || points + n < 0 ? Long.MAX_VALUE : points + n;
    }
    return times(times(points, random.isEmpty() ? 1 : draws), Math.max(1, seeds.size()));
  }

  /** The grid blocks to expand: one empty block (the fixed settings alone) when there is no grid. */
  private List<Map<String, List<Setting>>> blocks() {
    return grids.isEmpty() ? List.of(Map.of()) : grids;
  }

  /** Every point as its settings by spec key (fixed ones included), in expansion order. */
  public List<Map<String, Setting>> points() {
    List<Map<String, Setting>> points = new ArrayList<>();
    if (grids.stream().flatMap(g -> g.values().stream()).anyMatch(List::isEmpty)) {
      return points;
    }
    List<Map<String, Setting>> drawn = drawSettings();
    for (Map<String, List<Setting>> grid : blocks()) {
      expand(grid, drawn, points);
    }
    return points;
  }

  /** Adds the points of one grid block, each with every draw and seed, to {@code points}. */
  private void expand(Map<String, List<Setting>> grid, List<Map<String, Setting>> drawn,
      List<Map<String, Setting>> points) {
    List<String> axes = new ArrayList<>(grid.keySet());
    int[] index = new int[axes.size()];
    while (true) {
      for (Map<String, Setting> draw : drawn) {
        for (Setting runSeed : seeds.isEmpty() ? List.<Setting>of() : seeds) {
          Map<String, Setting> point = point(grid, axes, index, draw);
          point.put("seed", runSeed);
          points.add(point);
        }
        if (seeds.isEmpty()) {
          points.add(point(grid, axes, index, draw));
        }
      }
      int a = axes.size() - 1;
      while (a >= 0 && ++index[a] == grid.get(axes.get(a)).size()) {
        index[a--] = 0;
      }
      if (a < 0) {
        return;
      }
    }
  }

  /**
   * The runs, in expansion order, each spec once.
   *
   * @throws rnnlab.spec.SpecException when a point is not a valid spec ({@link SweepFile#load} reports
   *                                    those with their lines instead)
   */
  public List<RunSpec> runs() {
    Set<String> ids = new LinkedHashSet<>();
    List<RunSpec> runs = new ArrayList<>();
    for (Map<String, Setting> point : points()) {
      RunSpec spec = RunSpec.of(values(point));
      if (ids.add(spec.id())) {
        runs.add(spec);
      }
    }
    return runs;
  }

  /**
   * The run of a point drawn outside the sweep's own expansion (by a model-based sampler): the fixed
   * settings, the drawn values of the random axes, and the sweep's one seed when it lists one.
   *
   * @param drawn a value (as its spec type or its label) for each random axis
   * @throws rnnlab.train.SpecException when the values do not make a valid spec
   */
  public RunSpec run(Map<String, Object> drawn) {
    Map<String, Object> values = values(fixed);
    values.putAll(drawn);
    if (!seeds.isEmpty()) {
      values.put("seed", seeds.get(0).value());
    }
    return RunSpec.of(values);
  }

  /**
   * The runs of the search's {@code enqueue} points, in order, trained before the sampler's own: point i is
   * the sweep's i-th random draw from the end (the draws the points replace in the budget) with the point's
   * values put over it (a point need not give every random axis), the fixed settings, and the sweep's first
   * seed when it lists seeds.
   *
   * @throws rnnlab.spec.SpecException when the values do not make a valid spec
   */
  public List<RunSpec> enqueued() {
    List<Map<String, Setting>> drawn = drawSettings();
    List<RunSpec> runs = new ArrayList<>();
    for (int i = 0; i < search.enqueue().size(); i++) {
      Map<String, Object> values = values(drawn.get(Math.floorMod(drawn.size() - 1 - i, drawn.size())));
      values.putAll(search.enqueue().get(i));
      runs.add(run(values));
    }
    return runs;
  }

  /** The values of a point's settings, by key. */
  static Map<String, Object> values(Map<String, Setting> point) {
    Map<String, Object> values = new LinkedHashMap<>();
    point.forEach((k, s) -> values.put(k, s.value()));
    return values;
  }

  private Map<String, Setting> point(Map<String, List<Setting>> grid, List<String> axes, int[] index,
      Map<String, Setting> draw) {
    Map<String, Setting> point = new LinkedHashMap<>(fixed);
    for (int a = 0; a < axes.size(); a++) {
      point.put(axes.get(a), grid.get(axes.get(a)).get(index[a]));
    }
    point.putAll(draw);
    return point;
  }

  /** The random draws, each a setting per random axis; one empty draw without random axes. */
  private List<Map<String, Setting>> drawSettings() {
    if (random.isEmpty()) {
      return List.of(Map.of());
    }
    SplittableRandom rng = new SplittableRandom(seed);
    List<Map<String, Setting>> drawn = new ArrayList<>();
    for (int i = 0; i < draws; i++) {
      Map<String, Setting> draw = new LinkedHashMap<>();
      random.forEach((key, axis) ->
          draw.put(key, new Setting(axis.range().draw(rng, RunSpec.typeOf(key)), axis.line())));
      drawn.add(draw);
    }
    return drawn;
  }

  private static long times(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
