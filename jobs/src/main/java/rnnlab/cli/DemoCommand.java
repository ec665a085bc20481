package rnnlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;
import rnnlab.spec.RunSpec;
import rnnlab.task.ParityTask;
import rnnlab.train.RunResult;
import rnnlab.train.Trainer;

/**
 * {@code demo}: replays the lab's test run (1000 sequences of length 10, window 3, S1 = 20, SGD lr 0.1,
 * 10 epochs, per-sequence), printing the loss every epoch and then the probe's inputs, outputs and
 * rounded outputs as the lab prints them.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Replays the lab's test run: 1000 sequences of length 10, window 3, S1=20, lr 0.1, "
        + "10 epochs, per-sequence; then feeds the lab's probe sequence through the trained network."})
final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--plot", paramLabel = "FILE",
      description = "Also write the loss curve as a PNG (log loss axis) to FILE.")
  Path plot;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Problem> problems = new ArrayList<>();
    Outputs.check(problems, "--plot", plot, false);
    Commands.check(problems);
    RunSpec lab = RunSpec.LAB;
    RunResult r = Trainer.train(lab, (epoch, epochs, stats, ms) -> {
      out.printf(Locale.ROOT, "Epoch %d/%d, Loss: %.4e%n", epoch, epochs, stats.loss());
      out.flush();
    }).result();
    out.println();
    out.println("Inputs:");
    List<String> bits = new ArrayList<>();
    for (double p : ParityTask.PROBE) {
      bits.add(Integer.toString((int) p));
    }
    out.println("[[" + String.join(" ", bits) + "]]");
    out.println("Outputs:");
    List<String> outputs = new ArrayList<>();
    List<String> rounded = new ArrayList<>();
    for (double a : r.probeOutputs()) {
      outputs.add(String.format(Locale.ROOT, "'%.4e'", a));
      rounded.add(a > 0.5 ? "1" : "0");
    }
    out.println("[" + String.join(", ", outputs) + "]");
    out.println("Outputs rounded to nearest integer:");
    out.println("[" + String.join(", ", rounded) + "]");
    out.printf(Locale.ROOT, "%nprobe: %d/%d steps correct (window %d); state %s; training took %d ms%n",
        r.probeCorrect(), r.probeOutputs().length, lab.window(), r.state().label(), r.wallMs());
    out.flush();
    if (plot != null) {
      try {
        LossPlot.write(plot, r.lossCurve(), "RNN Training Loss");
      } catch (IOException e) {
        throw new BadInputException(Problem.of("--plot", "cannot write " + plot + ": " + e.getMessage()));
      }
      out.println("loss curve written to " + plot);
    }
    return 0;
  }
}
