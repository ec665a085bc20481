package rnnlab.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import rnnlab.spec.Choice;
import rnnlab.spec.Problem;
import rnnlab.spec.RunSpec;
import rnnlab.spec.SpecException;

/**
 * The run-spec options of {@code train} and {@code dtrain}: one {@code --option} per {@link RunSpec} key
 * ({@code batch_size} is {@code --batch-size}, see {@link RunSpec#option}), generated from the spec's keys
 * with the command's defaults, and the spec built back from what was given.
 */
class SpecOptions implements IModelTransformer {

  /** Help text of each spec key's option; every key must have one. */
  static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
      Map.entry("engine", "Engine that trains the run."),
      Map.entry("cell", "Hidden layer: Elman RNN, LSTM, GRU or FTDNN (tapped delay line)."),
      Map.entry("mode", "per-sequence: the lab's NumPy loop (one update per sequence, in order); "
          + "minibatch: its PyTorch loop (shuffled batches)."),
      Map.entry("window", "Counting-ones window: the target is 1 when the last N inputs hold an even number"
          + " of ones."),
      Map.entry("hidden", "S1, the number of hidden units."),
      Map.entry("delays", "FTDNN delay-line length; 0 means what the task needs (the window, delay + 1, or"
          + " the whole sequence for adding)."),
      Map.entry("optimizer", "Update rule."),
      Map.entry("lr", "Learning rate, a positive finite number."),
      Map.entry("momentum", "Momentum coefficient (optimizer momentum), in [0, 1)."),
      Map.entry("beta1", "Adam's first-moment decay, in [0, 1)."),
      Map.entry("beta2", "Adam's second-moment decay, in [0, 1)."),
      Map.entry("epsilon", "Adam's and RMSProp's denominator epsilon."),
      Map.entry("rho", "RMSProp's decay, in [0, 1)."),
      Map.entry("clip", "Gradient clipping: per-tensor (the lab's), global (PyTorch's clip_grad_norm_) or"
          + " none."),
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
          + "parameter averagings."),
      Map.entry("task", "Memory task: counting-ones (the lab's), adding (regression: the sum of two marked"
          + " values), delayed-recall (the bit of --delay steps ago) or n-back (is the bit the one of --delay"
          + " steps ago?)."),
      Map.entry("delay", "delayed-recall and n-back: how many steps back the target looks, in"
          + " [1, length-1]."));

  /** The spec whose values the options default to: the lab's test run. */
  RunSpec defaults() {
    return RunSpec.LAB;
  }

  /** The options of {@code dtrain}: the same, defaulting to {@link DtrainCommand#DEFAULTS}. */
  static final class Dtrain extends SpecOptions {
    @Override
    RunSpec defaults() {
      return DtrainCommand.DEFAULTS;
    }
  }

  @Override
  public CommandSpec transform(CommandSpec command) {
    Map<String, Object> defaults = defaults().toMap();
    for (String key : RunSpec.keys()) {
      Class<?> type = RunSpec.typeOf(key);
      String description = DESCRIPTIONS.getOrDefault(key, key);
      Object def = defaults.get(key);
      String defText = def instanceof String s && s.isEmpty() ? "" : " Default: " + def + ".";
      OptionSpec.Builder b = OptionSpec.builder(RunSpec.option(key)).type(String.class)
          .paramLabel(paramLabel(key, type)).description(description + defText);
      command.addOption(b.build());
    }
    return command;
  }

  /**
   * {@code defaults} with the spec options given on {@code command}'s line and {@code extra} changes
   * applied; or null, after adding every spec problem to {@code problems}.
   */
  static RunSpec specOf(CommandSpec command, RunSpec defaults, Map<String, Object> extra,
      List<Problem> problems) {
    ParseResult parsed = command.commandLine().getParseResult();
    Map<String, Object> changes = new LinkedHashMap<>();
    for (String key : RunSpec.keys()) {
      OptionSpec o = command.findOption(RunSpec.option(key));
      if (parsed.hasMatchedOption(o)) {
        changes.put(key, o.getValue());
      }
    }
    changes.putAll(extra);
    try {
      return defaults.with(changes);
    } catch (SpecException e) {
      problems.addAll(e.problems());
      return null;
    }
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
