package rnnlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import rnnlab.spec.Choice;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.spec.SpecException;
import rnnlab.train.RunResult;
import rnnlab.train.Trained;
import rnnlab.train.Trainer;

/**
 * {@code train}: one run on this machine, no Spark. Every {@link RunSpec} key is an option
 * ({@code batch_size} is {@code --batch-size}), generated from the spec's keys, with the lab's test run
 * as the defaults. Output files ({@code --json}, {@code --export-weights}, {@code --plot}) are written only
 * after training, whole. Exit codes: 0 ok, {@value Main#BAD_INPUT} bad input (nothing written),
 * {@value Main#DIVERGED} diverged (the JSON is written, with state {@code diverged}; no weights or plot).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = TrainCommand.SpecOptions.class,
    description = {"Trains one run locally (no Spark). Defaults are the lab's test run.",
        "Exit codes: 0 ok, 2 bad input (nothing written), 3 diverged (JSON written with state diverged)."})
final class TrainCommand implements Callable<Integer> {

  /** Help text of each spec key's option; every key must have one. */
  static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
      Map.entry("engine", "Engine that trains the run."),
      Map.entry("cell", "Hidden layer: Elman RNN, LSTM, GRU or FTDNN (tapped delay line)."),
      Map.entry("mode", "per-sequence: the lab's NumPy loop (one update per sequence, in order); "
          + "minibatch: its PyTorch loop (shuffled batches)."),
      Map.entry("window", "Task window: the target is 1 when the last N inputs hold an even number of ones."),
      Map.entry("hidden", "S1, the number of hidden units."),
      Map.entry("delays", "FTDNN delay-line length; 0 means the window."),
      Map.entry("optimizer", "Update rule."),
      Map.entry("lr", "Learning rate, a positive finite number."),
      Map.entry("momentum", "Momentum coefficient (optimizer momentum), in [0, 1)."),
      Map.entry("beta1", "Adam's first-moment decay, in [0, 1)."),
      Map.entry("beta2", "Adam's second-moment decay, in [0, 1)."),
      Map.entry("epsilon", "Adam's and RMSProp's denominator epsilon."),
      Map.entry("rho", "RMSProp's decay, in [0, 1)."),
      Map.entry("clip", "Gradient clipping: per-tensor (the lab's), global (PyTorch's clip_grad_norm_) or none."),
      Map.entry("clip_norm", "Clipping limit on the gradient's L2 norm."),
      Map.entry("batch_size", "Sequences per minibatch (minibatch mode)."),
      Map.entry("shuffle", "Reshuffle the training set every epoch (minibatch mode); see also --no-shuffle."),
      Map.entry("samples", "Number of generated training sequences."),
      Map.entry("length", "Training sequence length (the longest, when lengths vary)."),
      Map.entry("length_min", "Shortest generated training sequence; 0 means all have --length steps."),
      Map.entry("test_samples", "Sequences in each held-out set (training length, and 5x longer)."),
      Map.entry("epochs", "Passes over the training set."),
      Map.entry("seed", "The one seed of every random stream of the run (weights, data, held-out, order)."),
      Map.entry("data", "Folder with X.npy and y.npy, shape (N, T, 1), y only 0/1 (and optionally "
          + "lengths.npy, shape (N,)), to train on instead of generated data."),
      Map.entry("init_weights", "Folder with initial weights LW_11.npy (S1,S1), IW_11.npy (S1,1), "
          + "b_1.npy (S1,1) or (S1,), LW_21.npy (1,S1), b_2.npy (1,1) or (1,)."),
      Map.entry("workers_batch", "Engine dl4j-spark: sequences per minibatch on each worker; 0 means "
          + "--batch-size."),
      Map.entry("averaging_frequency", "Engine dl4j-spark: minibatches each worker fits between two "
          + "parameter averagings."));

  @Spec
  CommandSpec spec;

  @Option(names = "--no-shuffle", description = "Keep the training set's order in every epoch (minibatch mode).")
  boolean noShuffle;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the result as JSON to FILE.")
  Path json;

  @Option(names = "--export-weights", paramLabel = "DIR",
      description = "Write the trained weights to DIR as LW_11.npy, IW_11.npy, b_1.npy, LW_21.npy, b_2.npy.")
  Path exportWeights;

  @Option(names = "--plot", paramLabel = "FILE", description = "Write the loss curve as a PNG to FILE.")
  Path plot;

  @Option(names = "--quiet", description = "No progress on stderr.")
  boolean quiet;

  /** The command-line option of a spec key: {@code batch_size} is {@code --batch-size}. */
  static String optionName(String key) {
    return "--" + key.replace('_', '-');
  }

  /** Adds one option per {@link RunSpec} key to the {@code train} command. */
  static class SpecOptions implements IModelTransformer {

    /** The spec whose values the options default to. */
    RunSpec defaults() {
      return RunSpec.LAB;
    }

    @Override
    public CommandSpec transform(CommandSpec command) {
      Map<String, Object> defaults = defaults().toMap();
      for (String key : RunSpec.keys()) {
        Class<?> type = RunSpec.typeOf(key);
        String description = DESCRIPTIONS.getOrDefault(key, key);
        Object def = defaults.get(key);
        String defText = def instanceof String s && s.isEmpty() ? "" : " Default: " + def + ".";
        OptionSpec.Builder b = OptionSpec.builder(optionName(key)).type(String.class)
            .paramLabel(paramLabel(key, type)).description(description + defText);
        command.addOption(b.build());
      }
      return command;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String paramLabel(String key, Class<?> type) {
      if (type.isEnum() && Choice.class.isAssignableFrom(type)) {
        return String.join("|", Choice.labels((Class) type));
      }
      if (type == int.class || type == long.class) {
        return "N";
      }
      if (type == double.class) {
        return "X";
      }
      if (type == boolean.class) {
        return "true|false";
      }
      return key.equals("data") || key.equals("init_weights") ? "DIR" : "TEXT";
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> problems = new ArrayList<>();
    RunSpec run = specOf(RunSpec.LAB, changes(), problems);
    for (String p : new String[] {Outputs.problem("--json", json, false),
        Outputs.problem("--export-weights", exportWeights, true), Outputs.problem("--plot", plot, false)}) {
      if (p != null) {
        problems.add(p);
      }
    }
    if (!problems.isEmpty()) {
      return badInput(err, problems);
    }
    Trained trained;
    try {
      trained = Trainer.train(run, quiet ? ProgressListener.NONE : progress(err));
    } catch (UncheckedIOException | IllegalArgumentException e) {
      return inputError(err, run, e);
    }
    RunResult r = trained.result();
    try {
      if (json != null) {
        Outputs.write(json, json(r));
      }
      if (r.state() == RunState.OK) {
        if (exportWeights != null) {
          Outputs.writeWeights(exportWeights, trained.weights());
        }
        if (plot != null) {
          LossPlot.write(plot, r.lossCurve(), "Training loss, run " + r.runId());
        }
      }
    } catch (IOException e) {
      err.println("error: cannot write output: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    out.println(summary(r));
    out.flush();
    return r.state() == RunState.OK ? 0 : Main.DIVERGED;
  }

  /** The spec keys given on the command line, as text. */
  private Map<String, Object> changes() {
    Map<String, Object> changes = changes(spec);
    if (noShuffle) {
      changes.put("shuffle", false);
    }
    return changes;
  }

  /** The spec keys given on the command line of {@code spec} (a command with {@link SpecOptions}). */
  static Map<String, Object> changes(CommandSpec spec) {
    ParseResult parsed = spec.commandLine().getParseResult();
    Map<String, Object> changes = new LinkedHashMap<>();
    for (String key : RunSpec.keys()) {
      OptionSpec o = spec.findOption(optionName(key));
      if (parsed.hasMatchedOption(o)) {
        changes.put(key, o.getValue());
      }
    }
    return changes;
  }

  /**
   * {@code defaults} with {@code changes} applied; or null, after adding every spec problem to
   * {@code problems} with its key written as the option.
   */
  static RunSpec specOf(RunSpec defaults, Map<String, Object> changes, List<String> problems) {
    try {
      return defaults.with(changes);
    } catch (SpecException e) {
      e.problems().forEach(p -> problems.add(asOption(p)));
      return null;
    }
  }

  /** Prints each problem and returns the bad-input exit code. */
  static int badInput(PrintWriter err, List<String> problems) {
    problems.forEach(p -> err.println("error: " + p));
    return Main.BAD_INPUT;
  }

  /**
   * Prints why {@code run}'s data or weight files could not be used (unreadable, or malformed) and returns
   * the bad-input exit code.
   */
  static int inputError(PrintWriter err, RunSpec run, RuntimeException e) {
    String message = e instanceof UncheckedIOException io ? io.getCause().getMessage() : e.getMessage();
    err.println("error: " + inputOption(run, message) + message);
    return Main.BAD_INPUT;
  }

  /** A spec problem ({@code "batch_size: expected ..."}) with its key written as the option. */
  static String asOption(String problem) {
    int colon = problem.indexOf(':');
    if (colon > 0 && RunSpec.keys().contains(problem.substring(0, colon))) {
      return optionName(problem.substring(0, colon)) + problem.substring(colon);
    }
    return problem;
  }

  /** "--data: " or "--init-weights: " when {@code message} names a file under that option's folder. */
  static String inputOption(RunSpec run, String message) {
    if (message == null) {
      return "";
    }
    if (!run.data().isEmpty() && message.contains(run.data())) {
      return "--data: ";
    }
    if (!run.initWeights().isEmpty() && message.contains(run.initWeights())) {
      return "--init-weights: ";
    }
    return "";
  }

  static ProgressListener progress(PrintWriter err) {
    long[] lastPrint = {Long.MIN_VALUE};
    return (epoch, epochs, stats, elapsedMs) -> {
      long now = System.nanoTime();
      if (epoch == epochs || lastPrint[0] == Long.MIN_VALUE || now - lastPrint[0] > 500_000_000L) {
        lastPrint[0] = now;
        double left = elapsedMs / 1000.0 / epoch * (epochs - epoch);
        err.printf(Locale.ROOT, "epoch %d/%d  loss %.4e  elapsed %.1f s  left ~%.1f s%n", epoch, epochs,
            stats.loss(), elapsedMs / 1000.0, left);
        err.flush();
      }
    };
  }

  static String summary(RunResult r) {
    String head = "run " + r.runId() + ": state " + r.state().label();
    if (r.state() != RunState.OK) {
      return head + " (" + r.message() + ")";
    }
    return head + String.format(Locale.ROOT, ", final loss %.4e, accuracy train %.4f test %.4f long %.4f,"
        + " probe %d/%d, %d epochs in %d ms", r.finalLoss(), r.trainAccuracy(), r.testAccuracy(),
        r.longAccuracy(), r.probeCorrect(), r.probeOutputs().length, r.epochsRun(), r.wallMs());
  }

  /** The result as the JSON that {@code --json} writes; non-finite numbers are null. */
  static byte[] json(RunResult r) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", r.runId());
    m.put("state", r.state().label());
    m.put("message", r.message());
    m.put("loss_curve", finite(r.lossCurve()));
    m.put("train_accuracy", finite(r.trainAccuracy()));
    m.put("test_accuracy", finite(r.testAccuracy()));
    m.put("long_accuracy", finite(r.longAccuracy()));
    m.put("probe_outputs", finite(r.probeOutputs()));
    m.put("wall_ms", r.wallMs());
    m.put("spec", r.spec().toMap());
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static List<Double> finite(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(finite(v));
    }
    return list;
  }
}
