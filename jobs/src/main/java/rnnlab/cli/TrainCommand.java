package rnnlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
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
    modelTransformer = SpecOptions.class,
    description = {"Trains one run locally (no Spark). Defaults are the lab's test run.",
        "Exit codes: 0 ok, 2 bad input (nothing written), 3 diverged (JSON written with state diverged)."})
final class TrainCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--no-shuffle",
      description = "Keep the training set's order in every epoch (minibatch mode).")
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

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Problem> problems = new ArrayList<>();
    RunSpec run = SpecOptions.specOf(spec, RunSpec.LAB,
        noShuffle ? Map.of("shuffle", false) : Map.of(), problems);
    Outputs.check(problems, "--json", json, false);
    Outputs.check(problems, "--export-weights", exportWeights, true);
    Outputs.check(problems, "--plot", plot, false);
    Commands.check(problems);
    Trained trained = Trainer.train(run, quiet ? ProgressListener.NONE : RunLines.progress(err));
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
      throw new BadInputException(Problem.of("", "cannot write output: " + e.getMessage()));
    }
    out.println(RunLines.summary(r));
    out.flush();
    return r.state() == RunState.OK ? 0 : Main.DIVERGED;
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
