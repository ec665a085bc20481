package rnnlab.sweep;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import rnnlab.spec.Choice;
import rnnlab.spec.Problem;
import rnnlab.spec.RunSpec;
import rnnlab.spec.SpecException;

/**
 * Reads and validates a sweep file. YAML is read as a node tree (SnakeYAML's {@code compose}: no objects
 * are constructed from tags), so every problem carries its line. The format:
 *
 * <pre>
 * name: quickstart          # required; results go to results/NAME by default
 * seed: 7                   # seed of the random-search draws (default 0)
 * fixed:                    # spec keys shared by every run
 *   epochs: 5
 * grid:                     # every combination of the listed values
 *   cell: [rnn, lstm]
 *   window: [2, 3, 4]
 *                           # or a list of such blocks, the runs of each block (e.g. one per task):
 *                           # grid: [{task: [adding], length: [5, 10]}, {task: [n-back], delay: [2, 4]}]
 * random:                   # N draws, each value from its range
 *   draws: 8                # (formerly "samples", still read, with a notice)
 *   ranges:
 *     lr: {log-uniform: [0.001, 0.5]}
 *     hidden: {uniform: [5, 40]}
 *     optimizer: {choice: [sgd, adam]}
 * seeds: [0, 1, 2]          # or replicates: 3 (seeds 0, 1, 2); repeats every point
 * search:                   # optional: early stopping and model-based sampling, see {@link Search}
 *   scheduler: asha
 *   min_epochs: 2
 *   reduction: 3
 * </pre>
 *
 * Validation reports every problem at once: unknown keys (with the nearest known one), wrong types,
 * out-of-range values and impossible combinations (from building each run's {@link RunSpec}), duplicate
 * axes, empty axes and sweeps larger than the limit.
 */
public final class SweepFile {

  /** The default limit on runs in one sweep. */
  public static final long DEFAULT_MAX_RUNS = 10_000;

  private static final List<String> TOP = List.of("name", "description", "seed", "fixed", "grid", "random",
      "seeds", "replicates", "search");
  private static final List<String> RANDOM = List.of("draws", "samples", "ranges");
  private static final List<String> RANGES = List.of("uniform", "log-uniform", "choice");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final String file;
  private final List<Problem> problems = new ArrayList<>();
  private final List<Problem> notices = new ArrayList<>();

  private SweepFile(String file) {
    this.file = file;
  }

  /**
   * Reads, validates and returns the sweep in {@code path}.
   *
   * @param maxRuns the most runs allowed
   * @throws SweepException with every problem found
   */
  public static Sweep load(Path path, long maxRuns) {
    SweepFile reader = new SweepFile(path.toString());
    Node root;
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      root = new Yaml(new LoaderOptions()).compose(in);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw reader.fail(line, "yaml", "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw reader.fail(1, "yaml", "not valid YAML: " + e.getMessage());
    } catch (IOException e) {
      throw reader.fail(1, "file", "cannot read: " + e);
    }
    return reader.read(root, maxRuns);
  }

  private SweepException fail(int line, String key, String message) {
    problems.add(new Problem(key, message, file, line));
    return new SweepException(problems);
  }

  private Sweep read(Node root, long maxRuns) {
    if (root == null) {
      throw fail(1, "sweep", "empty sweep file: expected at least a name");
    }
    Map<String, NodeTuple> top = mapping(root, "sweep", TOP);
    if (top == null) {
      throw new SweepException(problems);
    }
    String name = "";
    if (!top.containsKey("name")) {
      problem(root, "name", "missing: every sweep needs a name (letters, digits, '.', '_', '-')");
    } else {
      String text = scalar(top.get("name").getValueNode(), "name");
      if (text != null && !NAME.matcher(text).matches()) {
        problem(top.get("name").getValueNode(), "name",
            "expected letters, digits, '.', '_' or '-' (it names the output folder), got '" + text + "'");
      } else if (text != null) {
        name = text;
      }
    }
    if (top.containsKey("description")) {
      scalar(top.get("description").getValueNode(), "description");
    }
    long seed = top.containsKey("seed") ? integer(top.get("seed").getValueNode(), "seed", 0) : 0;

    Map<String, Sweep.Setting> fixed = fixed(top.get("fixed"));
    List<Map<String, List<Sweep.Setting>>> grids = grids(top.get("grid"));
    Map<String, Sweep.RandomAxis> random = new LinkedHashMap<>();
    int draws = random(top.get("random"), random);
    List<Sweep.Setting> seeds = seeds(top.get("seeds"), top.get("replicates"));
    SearchSection search = SearchSection.read(this, top.get("search"));

    Map<String, Integer> setAt = new HashMap<>();
    fixed.forEach((k, s) -> setAt.put(k, s.line()));
    Map<String, Integer> inGrids = new HashMap<>();
    for (Map<String, List<Sweep.Setting>> grid : grids) {
      Map<String, Integer> inBlock = new HashMap<>(setAt);
      for (Map.Entry<String, List<Sweep.Setting>> e : grid.entrySet()) {
        int line = e.getValue().isEmpty() ? 0 : e.getValue().get(0).line();
        duplicate(inBlock, e.getKey(), line, "grid");
        inGrids.putIfAbsent(e.getKey(), line);
      }
    }
    inGrids.forEach(setAt::putIfAbsent);
    random.forEach((k, axis) -> duplicate(setAt, k, axis.line(), "random"));
    if (!seeds.isEmpty()) {
      duplicate(setAt, "seed", seeds.get(0).line(), top.containsKey("seeds") ? "seeds" : "replicates");
    }

    Sweep sweep = new Sweep(file, name, seed, fixed, grids.stream().map(SweepFile::sorted).toList(), draws,
        sorted(random), seeds, List.copyOf(notices), search.search());
    search.checkSampler(sweep, top);
    if (grids.stream().flatMap(g -> g.values().stream()).noneMatch(List::isEmpty)) {
      long count = sweep.pointCount();
      if (count > maxRuns) {
        Node where = top.containsKey("grid") ? top.get("grid").getKeyNode() : root;
        problem(where, "grid", "the sweep has " + (count == Long.MAX_VALUE ? "too many" : count)
            + " runs, more than the limit of " + maxRuns + "; allow more with --max-runs");
      } else {
        checkRuns(sweep);
        search.checkScheduler(sweep);
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingInt(Problem::line));
      throw new SweepException(problems);
    }
    return sweep;
  }

  /**
   * Builds every run's spec and reports each distinct problem at the line of the value it names. Values
   * already reported as mistyped are left out of the points, so their other values are still checked.
   */
  private void checkRuns(Sweep sweep) {
    Set<Problem> seen = new LinkedHashSet<>();
    for (Map<String, Sweep.Setting> point : sweep.points()) {
      try {
        RunSpec.of(Sweep.values(point));
      } catch (SpecException e) {
        for (Problem p : e.problems()) {
          String key = p.key().isEmpty() ? "fixed" : p.key();
          String message = p.message();
          Sweep.Setting at = point.get(key);
          if (at == null) {
            at = point.entrySet().stream().filter(s -> message.contains(s.getKey().replace('_', ' ')))
                .map(Map.Entry::getValue).findFirst().orElse(new Sweep.Setting(null, 1));
          }
          seen.add(new Problem(key, message, file, at.line()));
        }
      }
    }
    problems.addAll(seen);
  }

  /** True when a problem was found so far. */
  boolean hasProblems() {
    return !problems.isEmpty();
  }

  private void duplicate(Map<String, Integer> setAt, String key, int line, String where) {
    Integer first = setAt.putIfAbsent(key, line);
    if (first != null) {
      problems.add(new Problem(key, "duplicate axis: already set on line " + first
          + "; a key may be set in only one of fixed, grid, random and seeds/replicates", file, line));
    }
  }

  private Map<String, Sweep.Setting> fixed(NodeTuple section) {
    Map<String, Sweep.Setting> fixed = new LinkedHashMap<>();
    if (section == null) {
      return fixed;
    }
    Map<String, NodeTuple> entries = mapping(section.getValueNode(), "fixed", RunSpec.keys());
    if (entries != null) {
      entries.forEach((key, t) -> {
        Sweep.Setting s = specValue(key, t.getValueNode());
        if (s != null) {
          fixed.put(key, s);
        }
      });
    }
    return fixed;
  }

  /**
   * The grid blocks: none without a {@code grid:}, one for a mapping of axes, one per item for a list of
   * such mappings.
   */
  private List<Map<String, List<Sweep.Setting>>> grids(NodeTuple section) {
    if (section == null) {
      return List.of();
    }
    if (!(section.getValueNode() instanceof SequenceNode blocks)) {
      return List.of(grid(section.getValueNode()));
    }
    if (blocks.getValue().isEmpty()) {
      problem(blocks, "grid", "empty list: expected at least one block of axes");
    }
    return blocks.getValue().stream().map(this::grid).toList();
  }

  private Map<String, List<Sweep.Setting>> grid(Node node) {
    Map<String, List<Sweep.Setting>> grid = new LinkedHashMap<>();
    Map<String, NodeTuple> axes = mapping(node, "grid", RunSpec.keys());
    if (axes == null) {
      return grid;
    }
    axes.forEach((key, t) -> {
      List<Sweep.Setting> values = specList(key, t.getValueNode());
      if (values != null) {
        grid.put(key, values);
      }
    });
    return grid;
  }

  /** Fills {@code axes} from the random section; returns the number of draws. */
  private int random(NodeTuple section, Map<String, Sweep.RandomAxis> axes) {
    if (section == null) {
      return 0;
    }
    Map<String, NodeTuple> entries = mapping(section.getValueNode(), "random", RANDOM);
    if (entries == null) {
      return 0;
    }
    int draws = 0;
    boolean oldName = entries.containsKey("samples");
    if (oldName && entries.containsKey("draws")) {
      problem(entries.get("samples").getKeyNode(), "random.samples", "the old name of draws; set only draws");
      oldName = false;
    }
    String count = oldName ? "samples" : "draws";
    if (!entries.containsKey(count)) {
      problem(section.getKeyNode(), "random.draws", "missing: how many points to draw");
    } else {
      draws = (int) integer(entries.get(count).getValueNode(), "random." + count, 1);
    }
    if (oldName) {
      notices.add(new Problem("random.samples", "deprecated name: write 'draws: " + draws + "' (the number"
          + " of random-search draws; samples is the spec key for training sequences)", file,
          line(entries.get("samples").getKeyNode())));
    }
    if (!entries.containsKey("ranges")) {
      problem(section.getKeyNode(), "random.ranges", "missing: at least one key with a range to draw from");
      return draws;
    }
    Map<String, NodeTuple> ranges = mapping(entries.get("ranges").getValueNode(), "random.ranges",
        RunSpec.keys());
    if (ranges == null) {
      return draws;
    }
    if (ranges.isEmpty()) {
      problem(entries.get("ranges").getValueNode(), "random.ranges", "empty: expected at least one range");
    }
    ranges.forEach((key, t) -> {
      Range range = range(key, t.getValueNode());
      if (range != null) {
        axes.put(key, new Sweep.RandomAxis(range, line(t.getKeyNode())));
      }
    });
    return draws;
  }

  private Range range(String key, Node node) {
    Map<String, NodeTuple> kinds = mapping(node, key, RANGES);
    if (kinds == null) {
      return null;
    }
    if (kinds.size() != ((MappingNode) node).getValue().size()) {
      return null;
    }
    if (kinds.size() != 1) {
      problem(node, key, "expected exactly one of uniform: [lo, hi], log-uniform: [lo, hi], choice: [...]");
      return null;
    }
    Map.Entry<String, NodeTuple> kind = kinds.entrySet().iterator().next();
    Node values = kind.getValue().getValueNode();
    if (kind.getKey().equals("choice")) {
      List<Sweep.Setting> choices = specList(key, values);
      return choices == null ? null : new Range.Pick(choices.stream().map(Sweep.Setting::value).toList());
    }
    Class<?> type = RunSpec.typeOf(key);
    if (type != int.class && type != long.class && type != double.class) {
      problem(values, key, kind.getKey() + " needs a numeric key; use choice: [...] for " + key);
      return null;
    }
    if (values instanceof SequenceNode seq && seq.getValue().size() != 2) {
      problem(values, key, "expected [lo, hi], got " + seq.getValue().size() + " value(s)");
      return null;
    }
    List<Sweep.Setting> bounds = specList(key, values);
    if (bounds == null || bounds.size() != 2) {
      return null;
    }
    double lo = ((Number) RunSpec.parse(key, bounds.get(0).value())).doubleValue();
    double hi = ((Number) RunSpec.parse(key, bounds.get(1).value())).doubleValue();
    if (!(lo < hi)) {
      problem(values, key, "expected lo < hi, got [" + lo + ", " + hi + "]");
      return null;
    }
    if (kind.getKey().equals("log-uniform")) {
      if (!(lo > 0)) {
        problem(values, key, "log-uniform needs lo > 0, got " + lo);
        return null;
      }
      return new Range.LogUniform(lo, hi);
    }
    return new Range.Uniform(lo, hi);
  }

  private List<Sweep.Setting> seeds(NodeTuple seeds, NodeTuple replicates) {
    List<Sweep.Setting> out = new ArrayList<>();
    if (seeds != null && replicates != null) {
      problem(replicates.getKeyNode(), "replicates", "duplicate axis: seeds is already set on line "
          + line(seeds.getKeyNode()) + "; give seeds or replicates, not both");
      return out;
    }
    if (seeds != null) {
      List<Sweep.Setting> values = specList("seed", seeds.getValueNode());
      if (values != null) {
        out.addAll(values);
      }
    } else if (replicates != null) {
      long n = integer(replicates.getValueNode(), "replicates", 1);
      for (long i = 0; i < n; i++) {
        out.add(new Sweep.Setting(i, line(replicates.getKeyNode())));
      }
    }
    return out;
  }

  /**
   * The well-typed, distinct values of a list of values of spec key {@code key}; a problem for each other
   * value. Null (after a problem) when the node is not a non-empty list.
   */
  private List<Sweep.Setting> specList(String key, Node node) {
    if (!(node instanceof SequenceNode seq)) {
      problem(node, key, "expected a list like [a, b], got " + describe(node));
      return null;
    }
    if (seq.getValue().isEmpty()) {
      problem(node, key, "empty list: expected at least one value");
      return null;
    }
    List<Sweep.Setting> values = new ArrayList<>();
    Set<Object> distinct = new LinkedHashSet<>();
    for (Node item : seq.getValue()) {
      Sweep.Setting s = specValue(key, item);
      if (s != null && !distinct.add(RunSpec.parse(key, s.value()))) {
        problem(item, key, "duplicate value " + s.value() + " in the list");
      } else if (s != null) {
        values.add(s);
      }
    }
    return values;
  }

  /** A single value of spec key {@code key}, checked against the key's type; null after a problem. */
  private Sweep.Setting specValue(String key, Node node) {
    String text = scalar(node, key);
    if (text == null) {
      return null;
    }
    if (node.getTag().getValue().endsWith(":float")) {
      text = text.replace(".nan", "NaN").replace(".NaN", "NaN").replace(".inf", "Infinity")
          .replace(".Inf", "Infinity");
    }
    try {
      RunSpec.parse(key, text);
      return new Sweep.Setting(text, line(node));
    } catch (IllegalArgumentException e) {
      String hint = "";
      Class<?> type = RunSpec.typeOf(key);
      if (type.isEnum()) {
        List<String> labels = java.util.Arrays.stream(type.getEnumConstants())
            .map(c -> ((Choice) c).label()).toList();
        hint = nearest(text, labels);
      }
      problem(node, key, e.getMessage() + hint);
      return null;
    }
  }

  long integer(Node node, String key, long min) {
    String text = scalar(node, key);
    if (text == null) {
      return min;
    }
    try {
      long v = Long.parseLong(text.trim());
      if (v < min || v > Integer.MAX_VALUE && !key.equals("seed")) {
        problem(node, key, "expected an integer >= " + min + ", got " + v);
        return min;
      }
      return v;
    } catch (NumberFormatException e) {
      problem(node, key, "expected an integer, got '" + text + "'");
      return min;
    }
  }

  String scalar(Node node, String key) {
    if (node instanceof ScalarNode s && !s.getTag().getValue().endsWith(":null")) {
      return s.getValue();
    }
    problem(node, key, "expected a single value, got " + describe(node));
    return null;
  }

  /**
   * The entries of a mapping node by key, in file order; unknown and repeated keys are problems (and left
   * out). Null (after a problem) when the node is not a mapping.
   */
  Map<String, NodeTuple> mapping(Node node, String where, List<String> known) {
    if (!(node instanceof MappingNode map)) {
      problem(node, where, "expected a mapping of key: value lines, got " + describe(node));
      return null;
    }
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
      if (key == null) {
        problem(t.getKeyNode(), where, "expected a plain key, got " + describe(t.getKeyNode()));
      } else if (!known.contains(key)) {
        problem(t.getKeyNode(), key, "unknown key in " + where + nearest(key, known)
            + "; known keys: " + String.join(", ", known));
      } else if (entries.containsKey(key)) {
        problem(t.getKeyNode(), key, "duplicate axis: already set on line "
            + line(entries.get(key).getKeyNode()));
      } else {
        entries.put(key, t);
      }
    }
    return entries;
  }

  void problem(Node node, String key, String message) {
    problems.add(new Problem(key, message, file, line(node)));
  }

  static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private static String describe(Node node) {
    if (node instanceof SequenceNode) {
      return "a list";
    } else if (node instanceof MappingNode) {
      return "a mapping";
    }
    String v = ((ScalarNode) node).getValue();
    return v.isEmpty() || node.getTag().getValue().endsWith(":null") ? "nothing" : "'" + v + "'";
  }

  private static <V> Map<String, V> sorted(Map<String, V> byFileOrder) {
    Map<String, V> out = new LinkedHashMap<>();
    for (String key : RunSpec.keys()) {
      if (byFileOrder.containsKey(key)) {
        out.put(key, byFileOrder.get(key));
      }
    }
    return out;
  }

  /** "; did you mean 'x'?" for the closest of {@code known} within a small edit distance, else "". */
  static String nearest(String word, List<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = editDistance(word, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, word.length() / 3) ? "; did you mean '" + best + "'?"
        : "";
  }

  /** Levenshtein distance: insertions, deletions and substitutions (also for did-you-mean on run ids). */
  public static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
