package rnnlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import rnnlab.jobs.DtrainJob;
import rnnlab.spec.Engine;
import rnnlab.spec.Problem;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.train.RunResult;

/**
 * {@code dtrain}: one run trained data-parallel over the Spark cluster (engine {@code dl4j-spark}, see
 * {@link DtrainJob}) and stored in a result store beside sweep runs. Takes every option of
 * {@code train}, with engine dl4j-spark and minibatch mode as defaults. A run already in the store is not
 * trained again. Exit codes as {@code train}'s.
 */
@Command(name = "dtrain", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = SpecOptions.Dtrain.class,
    description = {"Trains one big run data-parallel on the Spark cluster (dl4j-spark parameter averaging) "
        + "and stores it in OUT. Spark settings (--master, --conf) are submit.sh's.",
        "Exit codes: 0 ok, 2 bad input (nothing written), 3 diverged (stored with state diverged)."})
final class DtrainCommand implements Callable<Integer> {

  /** The defaults of {@code dtrain}: the lab's test run on engine dl4j-spark in minibatch mode. */
  static final RunSpec DEFAULTS = RunSpec.LAB.with(Map.of("engine", "dl4j-spark", "mode", "minibatch"));

  @Spec
  CommandSpec spec;

  @Option(names = "--workers", paramLabel = "N",
      description = "Data-parallel workers; 0 means Spark's default parallelism (all cores). Default: 0.")
  int workers;

  @Option(names = "--out", paramLabel = "DIR", description = "Result store. Default: ${DEFAULT-VALUE}.")
  String out = "results/dtrain";

  @Option(names = "--quiet", description = "No progress on stderr.")
  boolean quiet;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Problem> problems = new ArrayList<>();
    RunSpec run = SpecOptions.specOf(spec, DEFAULTS, Map.of(), problems);
    if (run != null && run.engine() != Engine.DL4J_SPARK) {
      problems.add(Problem.of("--engine", "dtrain trains engine dl4j-spark, got " + run.engine().label()
          + "; use train for one machine"));
    }
    if (workers < 0) {
      problems.add(Problem.of("--workers", "expected 0 (all cores) or more, got " + workers));
    }
    Commands.check(problems);
    ProgressListener listener = quiet ? ProgressListener.NONE : RunLines.progress(err);
    RunResult r = DtrainJob.run(run, this.out, workers, listener, err);
    if (r == null) {
      return 0;
    }
    out.println(RunLines.summary(r) + ", " + r.provenance().libraries());
    out.flush();
    return r.state() == RunState.OK ? 0 : Main.DIVERGED;
  }
}
