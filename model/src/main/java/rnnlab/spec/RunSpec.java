package rnnlab.spec;

import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Everything that defines one run, seed included: the same spec gives the same numbers on any machine.
 *
 * <p>Each component is a key of sweep files, a {@code --option} of the command line and a column of the
 * result store, under its snake_case name ({@code batchSize} is {@code batch_size}, {@code --batch-size}).
 * {@link #LAB} holds the defaults: the lab's test run. Values are checked on construction; every problem
 * is reported at once, naming its key.
 *
 * @param engine      which engine trains the run
 * @param cell        hidden layer type
 * @param mode        per-sequence (the lab's NumPy loop) or minibatch (its PyTorch loop)
 * @param window      counting-ones' window: target is 1 when the last {@code window} inputs hold an even
 *                    number of ones
 * @param hidden      S1, hidden units
 * @param delays      FTDNN tapped-delay-line length; 0 means equal to the window
 * @param optimizer   update rule
 * @param lr          learning rate
 * @param momentum    momentum coefficient (optimizer momentum)
 * @param beta1       Adam's first-moment decay
 * @param beta2       Adam's second-moment decay
 * @param epsilon     Adam's and RMSProp's denominator epsilon
 * @param rho         RMSProp's decay
 * @param clip        gradient clipping mode
 * @param clipNorm    clipping limit on the L2 norm
 * @param batchSize   sequences per minibatch (minibatch mode)
 * @param shuffle     reshuffle the training set every epoch (minibatch mode)
 * @param samples     training sequences (when generated)
 * @param length      training sequence length; the longest when lengths vary
 * @param lengthMin   shortest training sequence; 0 means every sequence has {@code length} steps
 * @param testSamples sequences in each held-out set (same length, and 5x longer)
 * @param epochs      passes over the training set
 * @param seed        the one seed every random stream of the run is split from
 * @param data        folder with X.npy, y.npy (and optionally lengths.npy) to train on instead of
 *                    generated data; empty for generated data
 * @param initWeights folder with initial weights as .npy in the lab's names; empty for random init
 * @param workersBatch engine dl4j-spark: sequences per minibatch on each worker; 0 means {@code batch_size}
 *                    (other engines ignore it)
 * @param averagingFrequency engine dl4j-spark: minibatches each worker fits between two parameter
 *                    averagings (other engines ignore it)
 * @param task        the memory task (see {@link TaskType}); the lab's is counting-ones
 * @param delay       delayed-recall and n-back: how many steps back the target looks (their difficulty);
 *                    other tasks take only its default, 1
 */
public record RunSpec(
    Engine engine,
    CellType cell,
    TrainingMode mode,
    int window,
    int hidden,
    int delays,
    OptimizerType optimizer,
    double lr,
    double momentum,
    double beta1,
    double beta2,
    double epsilon,
    double rho,
    ClipMode clip,
    double clipNorm,
    int batchSize,
    boolean shuffle,
    int samples,
    int length,
    int lengthMin,
    int testSamples,
    int epochs,
    long seed,
    String data,
    String initWeights,
    int workersBatch,
    int averagingFrequency,
    TaskType task,
    int delay) implements Serializable {

  /** The lab's window, {@link #LAB}'s. */
  private static final int LAB_WINDOW = 3;

  /**
   * The lab's test run: 1000 sequences of length 10, window 3, S1=20, SGD lr 0.1, 10 epochs, per-sequence.
   */
  public static final RunSpec LAB = new RunSpec(Engine.NUMERIC, CellType.RNN, TrainingMode.PER_SEQUENCE,
      LAB_WINDOW, 20, 0, OptimizerType.SGD, 0.1, 0.9, 0.9, 0.999, 1e-8, 0.9, ClipMode.PER_TENSOR, 5.0, 16,
      true, 1000, 10, 0, 1000, 10, 0L, "", "", 0, 5, TaskType.COUNTING_ONES, 1);

  /**
   * What separates a folder's location from the digest of its content in a pinned {@code data} or
   * {@code init_weights} value ({@code LOCATION@sha256:DIGEST}, see {@link RunInputs}).
   */
  public static final String PIN = "@sha256:";

  /**
   * The keys every run id hashes, whatever their values: those of rnnlab 0.1.0, whose stores must stay
   * resumable. A key added later enters the id only when its value differs from {@link #LAB}'s, so adding a
   * key whose default keeps the old behaviour changes no existing id.
   */
  private static final List<String> ID_KEYS_0_1 = List.of("engine", "cell", "mode", "window", "hidden",
      "delays", "optimizer", "lr", "momentum", "beta1", "beta2", "epsilon", "rho", "clip", "clip_norm",
      "batch_size", "shuffle", "samples", "length", "length_min", "test_samples", "epochs", "seed", "data",
      "init_weights", "workers_batch", "averaging_frequency");

  /** How many times longer than {@code length} the long held-out sequences are. */
  public static final int LONG_FACTOR = 5;

  private static final RecordComponent[] COMPONENTS = RunSpec.class.getRecordComponents();
  /** The keys (snake_case) in declaration order, and each key's index: a sweep looks them up per run. */
  private static final List<String> KEYS = Arrays.stream(COMPONENTS).map(c -> snake(c.getName())).toList();
  private static final Map<String, Integer> INDEX = IntStream.range(0, KEYS.size()).boxed()
      .collect(Collectors.toUnmodifiableMap(KEYS::get, i -> i));

  public RunSpec {
    List<Problem> problems = problems(engine, cell, window, hidden, delays, lr, momentum, beta1, beta2,
        epsilon, rho, clipNorm, batchSize, samples, length, lengthMin, testSamples, epochs, data);
    atLeast(problems, "workers_batch", workersBatch, 0);
    atLeast(problems, "averaging_frequency", averagingFrequency, 1);
    taskProblems(problems, task, delay, window, length, lengthMin, data);
    if (engine == Engine.DL4J_SPARK && mode != TrainingMode.MINIBATCH) {
      problems.add(Problem.of("mode", "engine dl4j-spark averages minibatch training; use mode minibatch"));
    }
    if (engine == Engine.DL4J_SPARK && clip == ClipMode.GLOBAL) {
      problems.add(Problem.of("clip", "engine dl4j-spark cannot clip globally (its workers rebuild the"
          + " network from its configuration, which holds per-tensor clipping only); use clip per-tensor or"
          + " none"));
    }
    if (data == null || initWeights == null) {
      problems.add(Problem.of("data", "data and init_weights must not be null (use \"\" for none)"));
    }
    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
  }

  /**
   * The FTDNN delay-line length in effect: {@link #delays} or, when 0, the inputs the task's target depends
   * on: the window (counting-ones), {@code delay + 1} (delayed-recall, n-back), the whole sequence
   * (adding).
   */
  public int effectiveDelays() {
    if (delays != 0) {
      return delays;
    }
    return switch (task) {
      case COUNTING_ONES -> window;
      case DELAYED_RECALL, N_BACK -> delay + 1;
      case ADDING -> length;
    };
  }

  /** The shortest training sequence in effect: {@link #lengthMin} or, when 0, {@link #length}. */
  public int effectiveLengthMin() {
    return lengthMin == 0 ? length : lengthMin;
  }

  /** Sequences per worker minibatch in effect (dl4j-spark): {@link #workersBatch}, or the batch size if 0. */
  public int effectiveWorkersBatch() {
    return workersBatch == 0 ? batchSize : workersBatch;
  }

  /** True when the run trains on generated data rather than on {@link #data}. */
  public boolean generatesData() {
    return data.isEmpty();
  }

  /** The spec's keys (snake_case) in declaration order. */
  public static List<String> keys() {
    return KEYS;
  }

  /**
   * The Java type of a key's value: {@code int.class}, {@code long.class}, {@code double.class},
   * {@code boolean.class}, {@code String.class} or an enum implementing {@link Choice}.
   *
   * @throws IllegalArgumentException for an unknown key
   */
  public static Class<?> typeOf(String key) {
    return component(key).getType();
  }

  /**
   * The value of {@code key} as its spec type, from a typed value or text as a user wrote it; no range
   * checks (those need the whole spec).
   *
   * @throws IllegalArgumentException for an unknown key, or naming what was expected
   */
  public static Object parse(String key, Object value) {
    return convert(typeOf(key), value);
  }

  /** Keys and values in declaration order; enum values as their labels. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < COMPONENTS.length; i++) {
      Object v = value(COMPONENTS[i]);
      map.put(KEYS.get(i), v instanceof Choice choice ? choice.label() : v);
    }
    return Collections.unmodifiableMap(map);
  }

  /** This spec with one key changed; the value may be typed or a string as a user wrote it. */
  public RunSpec with(String key, Object value) {
    return with(Map.of(key, value));
  }

  /**
   * This spec with the given keys changed. Values may be typed ({@code Integer}, {@code Double}, ...,
   * enum constants) or text as a user wrote it.
   *
   * @throws SpecException naming every unknown key, unparseable value and out-of-range value
   */
  public RunSpec with(Map<String, ?> changes) {
    List<Problem> problems = new ArrayList<>();
    Object[] args = new Object[COMPONENTS.length];
    for (int i = 0; i < COMPONENTS.length; i++) {
      args[i] = value(COMPONENTS[i]);
    }
    for (Map.Entry<String, ?> e : changes.entrySet()) {
      int i = indexOf(e.getKey());
      if (i < 0) {
        problems.add(Problem.of(e.getKey(), "unknown key '" + e.getKey() + "'"));
        continue;
      }
      try {
        args[i] = convert(COMPONENTS[i].getType(), e.getValue());
      } catch (IllegalArgumentException ex) {
        problems.add(Problem.of(e.getKey(), ex.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
    try {
      Constructor<RunSpec> ctor = RunSpec.class.getDeclaredConstructor(
          java.util.Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new));
      return ctor.newInstance(args);
    } catch (InvocationTargetException ex) {
      if (ex.getCause() instanceof SpecException se) {
        throw se;
      }
      throw new IllegalStateException(ex.getCause());
    } catch (ReflectiveOperationException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** The spec built from {@link #LAB} with the given keys changed. */
  public static RunSpec of(Map<String, ?> values) {
    return LAB.with(values);
  }

  /**
   * A stable id: the first 16 hex digits of the SHA-256 of key=value lines in declaration order. The same
   * spec has the same id in every sweep, every rerun, every JVM and every later version: the lines are those
   * of the keys of rnnlab 0.1.0, then of each later key whose value is not its default. A pinned {@code data}
   * or {@code init_weights} enters as its content digest alone ({@code sha256:DIGEST}), so the same arrays
   * give the same id wherever they lie.
   */
  public String id() {
    StringBuilder canonical = new StringBuilder();
    Map<String, Object> defaults = LAB.toMap();
    toMap().forEach((k, v) -> {
      if (ID_KEYS_0_1.contains(k) || !v.equals(defaults.get(k))) {
        Object value = v instanceof String s && content(s) != null ? PIN.substring(1) + content(s) : v;
        canonical.append(k).append('=').append(value).append('\n');
      }
    });
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The folder of a {@code data} or {@code init_weights} value: the value without its pin, if any. */
  public static String location(String value) {
    int at = value.lastIndexOf(PIN);
    return at < 0 ? value : value.substring(0, at);
  }

  /**
   * The content digest a pinned {@code data} or {@code init_weights} value holds, or null when not pinned.
   */
  public static String content(String value) {
    int at = value.lastIndexOf(PIN);
    return at < 0 ? null : value.substring(at + PIN.length());
  }

  /** The command-line option of a key: {@code batch_size} is {@code --batch-size}. */
  public static String option(String key) {
    return "--" + key.replace('_', '-');
  }

  /** The command-line arguments that rerun this spec with {@code ./submit.sh train}. */
  public List<String> toArgs() {
    List<String> args = new ArrayList<>();
    toMap().forEach((k, v) -> {
      if (!(v instanceof String s && s.isEmpty())) {
        args.add(option(k) + "=" + v);
      }
    });
    return args;
  }

  private static List<Problem> problems(Engine engine, CellType cell, int window, int hidden, int delays,
      double lr, double momentum, double beta1, double beta2, double epsilon, double rho, double clipNorm,
      int batchSize, int samples, int length, int lengthMin, int testSamples, int epochs, String data) {
    List<Problem> p = new ArrayList<>();
    if (engine == null || cell == null) {
      p.add(Problem.of("engine", "engine and cell must be set"));
      return p;
    }
    atLeast(p, "window", window, 1);
    atLeast(p, "hidden", hidden, 1);
    atLeast(p, "delays", delays, 0);
    atLeast(p, "batch_size", batchSize, 1);
    atLeast(p, "samples", samples, 1);
    atLeast(p, "length", length, 1);
    atLeast(p, "length_min", lengthMin, 0);
    atLeast(p, "test_samples", testSamples, 1);
    atLeast(p, "epochs", epochs, 1);
    positive(p, "lr", lr);
    positive(p, "epsilon", epsilon);
    positive(p, "clip_norm", clipNorm);
    fraction(p, "momentum", momentum);
    fraction(p, "beta1", beta1);
    fraction(p, "beta2", beta2);
    fraction(p, "rho", rho);
    if (lengthMin > length) {
      p.add(Problem.of("length_min", lengthMin + " is longer than length " + length));
    }
    if ((engine == Engine.DL4J || engine == Engine.DL4J_SPARK)
        && (cell == CellType.GRU || cell == CellType.FTDNN)) {
      p.add(Problem.of("cell", "engine " + engine.label() + " cannot run cell " + cell.label()
          + " (DL4J 1.0.0-M2.1 has no such layer for MultiLayerNetwork); use engine numeric"));
    }
    return p;
  }

  /**
   * What the task needs of the spec: {@code delay} at least 1, below the shortest generated sequence (so that
   * every sequence has a step with a target) and left at its default by the tasks that do not use it; the
   * adding problem generates its own data (its targets are not 0/1) and needs two steps to mark two values.
   */
  private static void taskProblems(List<Problem> p, TaskType task, int delay, int window, int length,
      int lengthMin, String data) {
    if (task == null) {
      p.add(Problem.of("task", "task must be set"));
      return;
    }
    atLeast(p, "delay", delay, 1);
    boolean usesDelay = task == TaskType.DELAYED_RECALL || task == TaskType.N_BACK;
    int shortest = lengthMin == 0 ? length : lengthMin;
    if (usesDelay && data != null && data.isEmpty() && delay >= 1 && delay >= shortest) {
      p.add(Problem.of("delay", "expected an integer in [1, " + (shortest - 1) + "] (below the shortest"
          + " sequence, " + shortest + " steps, so that some step has a target), got " + delay));
    }
    if (task == TaskType.COUNTING_ONES && data != null && data.isEmpty() && window > length) {
      p.add(Problem.of("window", window + " is longer than the sequence length " + length));
    }
    if (task != TaskType.COUNTING_ONES && window != LAB_WINDOW) {
      p.add(Problem.of("window", "task " + task.label() + " does not use window (only counting-ones does);"
          + " its difficulty is " + task.difficulty() + ". Leave window at " + LAB_WINDOW));
    }
    if (!usesDelay && delay != 1) {
      p.add(Problem.of("delay", "task " + task.label() + " does not use delay (only delayed-recall and n-back"
          + " do); its difficulty is " + task.difficulty() + ". Leave delay at 1"));
    }
    if (task == TaskType.ADDING && data != null && !data.isEmpty()) {
      p.add(Problem.of("data", "task adding generates its own sequences (its targets are sums, a data"
          + " folder holds 0/1 targets); drop data or use a binary task"));
    }
    if (task == TaskType.ADDING && shortest < 2) {
      p.add(Problem.of("length", "task adding marks two values, so sequences need at least 2 steps, got "
          + shortest));
    }
  }

  private static void atLeast(List<Problem> p, String key, long value, long min) {
    if (value < min) {
      p.add(Problem.of(key, "expected an integer >= " + min + ", got " + value));
    }
  }

  private static void positive(List<Problem> p, String key, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      p.add(Problem.of(key, "expected a positive finite number, got " + value));
    }
  }

  private static void fraction(List<Problem> p, String key, double value) {
    if (!(value >= 0 && value < 1)) {
      p.add(Problem.of(key, "expected a number in [0, 1), got " + value));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object convert(Class<?> type, Object v) {
    if (v == null) {
      throw new IllegalArgumentException("expected a value, got nothing");
    }
    String text = v.toString().trim();
    try {
      if (type == int.class) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
            && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
          return n.intValue();
        }
        return Integer.parseInt(text);
      } else if (type == long.class) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
          return n.longValue();
        }
        return Long.parseLong(text);
      } else if (type == double.class) {
        return v instanceof Number n ? n.doubleValue() : Double.parseDouble(text);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected " + (type == double.class ? "a number" : "an integer")
          + ", got '" + text + "'");
    }
    if (type == boolean.class) {
      if (v instanceof Boolean b) {
        return b;
      }
      if (text.equals("true") || text.equals("false")) {
        return Boolean.parseBoolean(text);
      }
      throw new IllegalArgumentException("expected true or false, got '" + text + "'");
    }
    if (type == String.class) {
      return v.toString();
    }
    if (type.isInstance(v)) {
      return v;
    }
    return Choice.parse((Class) type, text);
  }

  private Object value(RecordComponent c) {
    try {
      return c.getAccessor().invoke(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RecordComponent component(String key) {
    int i = indexOf(key);
    if (i < 0) {
      throw new IllegalArgumentException("unknown key '" + key + "'");
    }
    return COMPONENTS[i];
  }

  private static int indexOf(String key) {
    return INDEX.getOrDefault(key, -1);
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
