package rnnlab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;

/** Grouping and summary helpers over stored runs; NaN values are left out of means, never counted as 0. */
public final class Aggregates {

  /** Best run first: ok before not ok, then higher held-out accuracy, higher long accuracy, lower loss. */
  public static final Comparator<StoredRun> BEST_FIRST = Comparator
      .comparing((StoredRun r) -> !r.ok())
      .thenComparing(r -> -orMin(r.testAccuracy()))
      .thenComparing(r -> -orMin(r.longAccuracy()))
      .thenComparing(r -> Double.isFinite(r.finalLoss()) ? r.finalLoss() : Double.MAX_VALUE)
      .thenComparing(StoredRun::runId);

  /** Orders the values of one spec key: numbers by value, everything else as text. */
  public static final Comparator<Object> VALUE_ORDER = (a, b) -> {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  };

  /** Orders lists of spec values element by element with {@link #VALUE_ORDER}; null sorts as "null". */
  public static final Comparator<List<?>> LIST_ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      int c = x == null || y == null ? String.valueOf(x).compareTo(String.valueOf(y))
          : VALUE_ORDER.compare(x, y);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  private Aggregates() {}

  /** The mean of {@code f} over the runs where it is a finite number; NaN when there is none. */
  public static double mean(List<StoredRun> runs, ToDoubleFunction<StoredRun> f) {
    return runs.stream().mapToDouble(f).filter(Double::isFinite).average().orElse(Double.NaN);
  }

  /**
   * The median of {@code values} (not empty, not modified): the mean of the two middle values for an even
   * count, as Spark SQL's {@code percentile(x, 0.5)}.
   */
  public static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double mid = (sorted.length - 1) / 2.0;
    int lo = (int) Math.floor(mid);
    return sorted[lo] + (mid - lo) * (sorted[(int) Math.ceil(mid)] - sorted[lo]);
  }

  /** How many of {@code runs} are in each state; every state present, 0 when none is. */
  public static EnumMap<RunState, Long> countStates(List<StoredRun> runs) {
    EnumMap<RunState, Long> n = new EnumMap<>(RunState.class);
    for (RunState s : RunState.values()) {
      n.put(s, 0L);
    }
    runs.forEach(r -> n.merge(r.state(), 1L, Long::sum));
    return n;
  }

  /** The runs grouped by {@code key}, groups in first-seen order. */
  public static <K> Map<K, List<StoredRun>> groupBy(List<StoredRun> runs, Function<StoredRun, K> key) {
    Map<K, List<StoredRun>> groups = new LinkedHashMap<>();
    for (StoredRun r : runs) {
      groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
    }
    return groups;
  }

  /** The values of {@code keys} in {@code run}, as a list (null for missing). */
  public static List<Object> values(StoredRun run, List<String> keys) {
    List<Object> values = new ArrayList<>();
    for (String k : keys) {
      values.add(run.get(k));
    }
    return values;
  }

  /** The distinct values of spec key {@code key} among {@code runs}, sorted. */
  public static List<Object> distinct(List<StoredRun> runs, String key) {
    TreeSet<Object> values = new TreeSet<>(VALUE_ORDER);
    runs.stream().map(r -> r.get(key)).filter(Objects::nonNull).forEach(values::add);
    return new ArrayList<>(values);
  }

  /** The sweep's axes: spec keys other than the seed with more than one value among {@code runs}. */
  public static List<String> axes(List<StoredRun> runs) {
    return RunSpec.keys().stream().filter(k -> !k.equals("seed") && distinct(runs, k).size() > 1).toList();
  }

  /** {@code "k1=v1 k2=v2"} for the given keys of {@code run}; "-" when {@code keys} is empty. */
  public static String describe(StoredRun run, List<String> keys) {
    if (keys.isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    for (String k : keys) {
      parts.add(k + "=" + run.label(k));
    }
    return String.join(" ", parts);
  }

  /**
   * The setting with the best statistics among {@code runs}: most seeds solved, then highest mean held-out
   * accuracy, then highest mean long accuracy.
   */
  public static SeedStats bestSetting(List<StoredRun> runs, double threshold) {
    return groupBy(runs, StoredRun::setting).values().stream()
        .map(g -> SeedStats.of(g, threshold))
        .min(Comparator.comparingDouble((SeedStats s) -> -s.solvedFraction())
            .thenComparingDouble(s -> -orMin(s.meanTest()))
            .thenComparingDouble(s -> -orMin(s.meanLong()))
            .thenComparing(s -> s.best().runId()))
        .orElseThrow();
  }

  private static double orMin(double v) {
    return Double.isNaN(v) ? -1 : v;
  }
}
