package rnnlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rnnlab.search.Asha;
import rnnlab.sweep.Search;
import picocli.CommandLine.Spec;
import rnnlab.spec.RunSpec;
import rnnlab.sweep.Sweep;
import rnnlab.sweep.SweepFile;
import rnnlab.sweep.Work;

/** {@code validate FILE}: checks a sweep file and prints its size and an estimate of its work. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Checks a sweep file without running it: every problem with its line, or the number of "
        + "runs and an estimate of the work.")
final class ValidateCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "the sweep file (YAML)")
  Path file;

  @Option(names = "--max-runs", paramLabel = "N",
      description = "largest sweep allowed (default: ${DEFAULT-VALUE})")
  long maxRuns = SweepFile.DEFAULT_MAX_RUNS;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Sweep sweep = SweepFile.load(file, maxRuns);
    List<RunSpec> runs = sweep.runs();
    sweep.notices().forEach(n -> spec.commandLine().getErr().println("warning: " + n));
    spec.commandLine().getErr().flush();
    out.println(file + ": sweep " + sweep.name() + ", " + runs.size() + " runs");
    Map<String, long[]> work = new TreeMap<>();
    for (RunSpec r : runs) {
      long[] w = work.computeIfAbsent(r.engine().label() + " " + r.cell().label(), k -> new long[2]);
      w[0]++;
      w[1] += Work.trainingSteps(r);
    }
    long total = 0;
    for (Map.Entry<String, long[]> e : work.entrySet()) {
      out.printf(Locale.ROOT, "  %-16s %6d runs %,16d training steps%n", e.getKey(), e.getValue()[0],
          e.getValue()[1]);
      total += e.getValue()[1];
    }
    out.printf(Locale.ROOT, "  work: %,d training steps (epochs x sequences x steps, summed over runs)%n",
        total);
    Search search = sweep.search();
    if (search.scheduler() == Search.Scheduler.ASHA) {
      int[] rungs = Asha.rungs(search.minEpochs(), search.reduction(), runs.get(0).epochs());
      out.printf(Locale.ROOT, "  search: asha on %s, rungs at %s epochs, the top 1/%d promoted at each; the"
          + " work above is the most it can take%n", search.metric().label(), Arrays.toString(rungs),
          search.reduction());
    }
    if (search.sampler() == Search.Sampler.TPE && search.scheduler() == Search.Scheduler.ASHA) {
      out.printf(Locale.ROOT, "  search: tpe on %s, random runs until rung 0 holds %d results, then one"
          + " proposal per free core, from the highest rung holding %d results; the %d new runs are the"
          + " budget%n", search.metric().label(), search.startup(), search.startup(), sweep.draws());
    } else if (search.sampler() == Search.Sampler.TPE) {
      out.printf(Locale.ROOT, "  search: tpe on %s, %d random runs then waves of %d proposals; the %d runs"
          + " are the budget%n", search.metric().label(), search.startup(), search.parallel(), sweep.draws());
    }
    if (!search.enqueue().isEmpty()) {
      out.printf(Locale.ROOT, "  search: %d enqueued point%s trained first, counted in the budget%n",
          search.enqueue().size(), search.enqueue().size() == 1 ? "" : "s");
    }
    out.flush();
    return 0;
  }
}
