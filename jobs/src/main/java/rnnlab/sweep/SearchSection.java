package rnnlab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import rnnlab.spec.Engine;
import rnnlab.spec.RunSpec;
import rnnlab.spec.SpecException;

/**
 * The {@code search:} section of a sweep file as {@link SweepFile} reads it: its keys into a {@link Search},
 * and the checks of what the chosen sampler and scheduler need of the rest of the file, each problem at the
 * line of the key or value it names.
 */
final class SearchSection {

  private static final List<String> KEYS = List.of("scheduler", "sampler", "metric", "min_epochs",
      "reduction", "startup", "parallel", "enqueue");

  private final SweepFile file;
  private final Search search;
  private final Map<String, NodeTuple> entries;
  private final List<Map<String, NodeTuple>> points = new ArrayList<>();

  /** The section of {@code entries}, whose key is on {@code line}; 0: the file has no section. */
  private SearchSection(SweepFile file, Map<String, NodeTuple> entries, int line) {
    this.file = file;
    this.entries = entries;
    this.search = line == 0 ? Search.NONE : parse(line);
  }

  /** The search the section gives; {@link Search#NONE} without a section. */
  Search search() {
    return search;
  }

  /** The section {@code section} of {@code file}'s reader (null: the file has none). */
  static SearchSection read(SweepFile file, NodeTuple section) {
    Map<String, NodeTuple> entries = section == null ? null
        : file.mapping(section.getValueNode(), "search", KEYS);
    return entries == null ? new SearchSection(file, Map.of(), 0)
        : new SearchSection(file, entries, SweepFile.line(section.getKeyNode()));
  }

  /** The search the entries give, problems reported to the file. */
  private Search parse(int line) {
    Search.Scheduler scheduler = label(entries.get("scheduler"), "search.scheduler",
        List.of(Search.Scheduler.values()), Search.Scheduler::label, Search.Scheduler.NONE);
    Search.Sampler sampler = label(entries.get("sampler"), "search.sampler", List.of(Search.Sampler.values()),
        Search.Sampler::label, Search.Sampler.RANDOM);
    Search.Metric metric = label(entries.get("metric"), "search.metric", List.of(Search.Metric.values()),
        Search.Metric::label, Search.Metric.TEST_ACCURACY);
    int minEpochs = count("min_epochs", 1, Search.DEFAULT_MIN_EPOCHS);
    int reduction = count("reduction", 2, Search.DEFAULT_REDUCTION);
    int startup = count("startup", 0, Search.DEFAULT_STARTUP);
    int parallel = count("parallel", 1, Search.DEFAULT_PARALLEL);
    if (scheduler == Search.Scheduler.NONE) {
      unused(List.of("min_epochs", "reduction"), "scheduler: asha");
    }
    if (sampler == Search.Sampler.RANDOM) {
      unused(List.of("startup", "parallel"), "sampler: tpe");
    }
    List<Map<String, Object>> enqueue = enqueue();
    if (scheduler == Search.Scheduler.ASHA && entries.containsKey("parallel")) {
      problem(entries.get("parallel").getKeyNode(), "search.parallel", "parallel is the size of a wave of"
          + " sampler: tpe alone; with scheduler: asha, tpe proposes one run each time a core is free; remove"
          + " parallel");
    }
    return new Search(Objects.requireNonNullElse(scheduler, Search.Scheduler.NONE),
        Objects.requireNonNullElse(sampler, Search.Sampler.RANDOM),
        Objects.requireNonNullElse(metric, Search.Metric.TEST_ACCURACY), minEpochs, reduction, startup,
        parallel, enqueue, line);
  }

  /**
   * The points of {@code search.enqueue}, each a mapping of spec keys to single values, kept with their
   * nodes for {@link #checkEnqueue}; empty without the key.
   */
  private List<Map<String, Object>> enqueue() {
    NodeTuple t = entries.get("enqueue");
    if (t == null) {
      return List.of();
    }
    if (!(t.getValueNode() instanceof SequenceNode list) || list.getValue().isEmpty()) {
      problem(t.getValueNode(), "search.enqueue", "expected a list of points, each some random axes'"
          + " values, e.g. [{lr: 0.1, optimizer: sgd}]");
      return List.of();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Node item : list.getValue()) {
      Map<String, NodeTuple> point = file.mapping(item, "search.enqueue", RunSpec.keys());
      if (point != null && point.isEmpty()) {
        problem(item, "search.enqueue", "an empty point: give a value for at least one random axis");
      } else if (point != null) {
        Map<String, Object> values = new LinkedHashMap<>();
        point.forEach((key, kv) -> values.put(key, file.scalar(kv.getValueNode(), "search.enqueue." + key)));
        values.values().removeIf(Objects::isNull);
        points.add(point);
        out.add(values);
      }
    }
    return out;
  }

  /** The integer {@code search.key} at least {@code min}, or {@code fallback} when absent. */
  private int count(String key, int min, int fallback) {
    NodeTuple t = entries.get(key);
    return t == null ? fallback : (int) file.integer(t.getValueNode(), "search." + key, min);
  }

  private void unused(List<String> keys, String owner) {
    for (String key : keys) {
      if (entries.containsKey(key)) {
        problem(entries.get(key).getKeyNode(), "search." + key, "only used with " + owner
            + "; add that or remove " + key);
      }
    }
  }

  /**
   * The value among {@code values} whose label the node holds; {@code fallback} when absent, null (after a
   * problem) when it holds something else.
   */
  private <E> E label(NodeTuple entry, String key, List<E> values, Function<E, String> name,
      E fallback) {
    if (entry == null) {
      return fallback;
    }
    String text = file.scalar(entry.getValueNode(), key);
    if (text == null) {
      return null;
    }
    List<String> labels = values.stream().map(name).toList();
    int at = labels.indexOf(text);
    if (at < 0) {
      problem(entry.getValueNode(), key, "'" + text + "' is not one of " + String.join(", ", labels)
          + SweepFile.nearest(text, labels));
      return null;
    }
    return values.get(at);
  }

  /** What a model-based sampler and the enqueued points need of the rest of the file. */
  void checkSampler(Sweep sweep, Map<String, NodeTuple> top) {
    checkEnqueue(sweep, top);
    if (search.sampler() != Search.Sampler.TPE) {
      return;
    }
    NodeTuple sampler = entries.get("sampler");
    if (sweep.random().isEmpty() && !top.containsKey("random")) {
      problem(sampler.getValueNode(), "search.sampler", "tpe proposes values from the random ranges: add a"
          + " random: section with draws (the budget of runs) and ranges");
    }
    if (top.containsKey("grid") && search.scheduler() == Search.Scheduler.ASHA) {
      problem(top.get("grid").getKeyNode(), "grid", "sampler: tpe with scheduler: asha cannot take grid axes"
          + " yet; drop scheduler: asha (one TPE study per grid point) or give them as random ranges, e.g."
          + " {choice: [a, b]}");
    }
    if (sweep.seeds().size() > 1 && search.scheduler() == Search.Scheduler.ASHA) {
      String key = top.containsKey("seeds") ? "seeds" : "replicates";
      problem(top.get(key).getKeyNode(), key, "sampler: tpe with scheduler: asha proposes single runs, not"
          + " points over several seeds, yet; give one seed, or drop scheduler: asha");
    }
    if (!sweep.random().isEmpty() && search.startup() >= sweep.draws()) {
      Node where = valueOr("startup", sampler.getValueNode());
      problem(where, "search.startup", "startup " + search.startup() + " is not below random.draws "
          + sweep.draws() + ", so TPE would never propose a run; lower startup or use sampler: random");
    }
  }

  /**
   * Each enqueued point: a search that trains points (tpe, asha), keys among the random axes, each value of
   * the key's type and inside its range, at most {@code random.draws} points (the budget they count in), and
   * runs that make valid specs.
   */
  private void checkEnqueue(Sweep sweep, Map<String, NodeTuple> top) {
    NodeTuple t = entries.get("enqueue");
    if (t == null) {
      return;
    }
    if (!search.adaptive()) {
      problem(t.getKeyNode(), "search.enqueue", "only used with sampler: tpe or scheduler: asha (a plain"
          + " sweep trains every run anyway); add one, or give the points as grid values");
      return;
    }
    if (sweep.random().isEmpty()) {
      problem(t.getKeyNode(), "search.enqueue", "the points give values of the random ranges: add a random:"
          + " section");
      return;
    }
    if (search.sampler() == Search.Sampler.RANDOM && top.containsKey("grid")) {
      problem(t.getKeyNode(), "search.enqueue", "scheduler: asha with sampler: random cannot take enqueued"
          + " points over grid axes yet; drop the grid (give its keys as random choices) or enqueue");
    }
    if (points.size() > sweep.draws()) {
      problem(t.getKeyNode(), "search.enqueue", points.size() + " points, more than random.draws "
          + sweep.draws() + ": the points count in the budget of random.draws runs; raise draws or enqueue"
          + " fewer");
    }
    List<String> axes = List.copyOf(sweep.random().keySet());
    for (Map<String, NodeTuple> point : points) {
      point.forEach((key, kv) -> {
        Sweep.RandomAxis axis = sweep.random().get(key);
        if (axis == null) {
          problem(kv.getKeyNode(), "search.enqueue." + key, key + " is not a random axis of this sweep; a"
              + " point gives values of " + String.join(", ", axes) + SweepFile.nearest(key, axes));
        } else if (kv.getValueNode() instanceof ScalarNode v) {
          checkValue(key, v, axis);
        }
      });
    }
    if (!file.hasProblems()) {
      try {
        sweep.enqueued();
      } catch (SpecException e) {
        e.problems().forEach(p -> problem(t.getKeyNode(), "search.enqueue", p.message()));
      }
    }
  }

  /** An enqueued value: of its key's type, inside the axis's range. */
  private void checkValue(String key, ScalarNode node, Sweep.RandomAxis axis) {
    Object value;
    try {
      value = RunSpec.parse(key, node.getValue());
    } catch (IllegalArgumentException e) {
      problem(node, "search.enqueue." + key, e.getMessage());
      return;
    }
    String inside;
    if (axis.range() instanceof Range.Pick p) {
      inside = p.values().stream().anyMatch(c -> RunSpec.parse(key, c).equals(value)) ? null
          : "one of " + p.values();
    } else {
      double[] bounds = axis.range() instanceof Range.Uniform u ? new double[] {u.lo(), u.hi()}
          : new double[] {((Range.LogUniform) axis.range()).lo(), ((Range.LogUniform) axis.range()).hi()};
      double x = ((Number) value).doubleValue();
      inside = x >= bounds[0] && x <= bounds[1] ? null
          : String.format(Locale.ROOT, "in [%s, %s]", bounds[0], bounds[1]);
    }
    if (inside != null) {
      problem(node, "search.enqueue." + key, "'" + node.getValue() + "' is outside " + key + "'s random range"
          + " (line " + axis.line() + "): expected a value " + inside);
    }
  }

  /**
   * What the search needs of every run: under early stopping, rungs inside its epochs and an engine that can
   * be checkpointed; under TPE alone, an engine that trains in one Spark task.
   */
  void checkScheduler(Sweep sweep) {
    if (!search.adaptive() || file.hasProblems()) {
      return;
    }
    List<RunSpec> runs = sweep.runs();
    boolean distributed = runs.stream().anyMatch(r -> r.engine() == Engine.DL4J_SPARK);
    if (search.scheduler() == Search.Scheduler.NONE && distributed) {
      problem(entries.get("sampler").getValueNode(), "search.sampler", "tpe trains each run of a wave in one"
          + " Spark task, which engine dl4j-spark (data-parallel over the cluster) cannot; use engine numeric"
          + " or dl4j");
    }
    if (search.scheduler() != Search.Scheduler.ASHA) {
      return;
    }
    Node scheduler = entries.get("scheduler").getValueNode();
    int fewest = runs.stream().mapToInt(RunSpec::epochs).min().orElse(search.minEpochs());
    int most = runs.stream().mapToInt(RunSpec::epochs).max().orElse(search.minEpochs());
    if (fewest < search.minEpochs()) {
      Node where = valueOr("min_epochs", scheduler);
      problem(where, "search.min_epochs", "min_epochs " + search.minEpochs() + " is more than the epochs ("
          + fewest + ") of some runs; the first rung must fit in every run");
    } else if (fewest != most) {
      problem(scheduler, "search.scheduler", "asha ranks runs by their epochs, so every run must train the"
          + " same epochs; this sweep has runs of " + fewest + " to " + most);
    }
    if (distributed) {
      problem(scheduler, "search.scheduler", "asha continues runs from"
          + " checkpoints, which engine dl4j-spark does not have; use engine numeric or dl4j");
    }
  }

  /** The value node of {@code key}, or {@code fallback} when the section does not give it. */
  private Node valueOr(String key, Node fallback) {
    return entries.containsKey(key) ? entries.get(key).getValueNode() : fallback;
  }

  private void problem(Node node, String key, String message) {
    file.problem(node, key, message);
  }
}
