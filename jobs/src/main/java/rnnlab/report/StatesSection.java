package rnnlab.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rnnlab.spec.RunState;

/** How the runs ended (by state, and why the others did not finish) and how long they trained. */
final class StatesSection implements ReportSection {

  @Override
  public String title() {
    return "States and time";
  }

  @Override
  public List<Report.Block> compute(ReportContext c) {
    if (c.runs().isEmpty()) {
      return List.of(c.missing("states and time: the store holds no runs"));
    }
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Prose(line(c.runs()) + "."));
    List<String> header = new ArrayList<>(List.of("sweep"));
    for (RunState s : RunState.values()) {
      header.add(s.label());
    }
    header.add("runs");
    Table.Builder states = Table.with(header.toArray(String[]::new));
    Aggregates.groupBy(c.runs(), StoredRun::sweep).forEach((sweep, group) -> {
      List<Object> row = new ArrayList<>(List.of(sweep));
      row.addAll(Aggregates.countStates(group).values());
      row.add(group.size());
      states.row(row.toArray());
    });
    b.add(new Report.TableBlock(states.build()));
    Map<List<String>, List<StoredRun>> messages = Aggregates.groupBy(
        c.runs().stream().filter(r -> !r.ok()).toList(), r -> List.of(r.state().label(), r.message()));
    if (!messages.isEmpty()) {
      Table.Builder m = Table.with("state", "message", "runs", "for example");
      messages.forEach((k, group) -> m.row(k.get(0), k.get(1), group.size(),
          group.get(0).runId() + " (" + Aggregates.describe(group.get(0), c.axes()) + ")"));
      b.add(new Report.Heading("Why runs did not finish"));
      b.add(new Report.TableBlock(m.build()));
    }
    b.add(new Report.Heading("Training time"));
    b.add(new Report.Prose("Training time is the time spent in training epochs, as each run measured it:"
        + " start-up, data generation and evaluation are not included."));
    Table.Builder time = Table.with("engine", "cell", "runs", "total", "mean per run", "median per run",
        "longest run");
    Aggregates.groupBy(c.runs(), r -> List.of(r.label("engine"), r.label("cell"))).forEach((k, group) -> {
      double[] ms = group.stream().mapToDouble(StoredRun::wallMs).toArray();
      long total = group.stream().mapToLong(StoredRun::wallMs).sum();
      long longest = group.stream().mapToLong(StoredRun::wallMs).max().orElseThrow();
      time.row(k.get(0), k.get(1), ms.length, duration(total), duration(total / ms.length),
          duration(Math.round(Aggregates.median(ms))), duration(longest));
    });
    b.add(new Report.TableBlock(time.build()));
    return b;
  }

  /** The runs by state and their total training time, as one sentence. */
  static String line(List<StoredRun> runs) {
    EnumMap<RunState, Long> n = Aggregates.countStates(runs);
    long ms = runs.stream().mapToLong(StoredRun::wallMs).sum();
    return runs.size() + " runs: " + n.get(RunState.OK) + " ok, " + n.get(RunState.DIVERGED) + " diverged, "
        + n.get(RunState.FAILED) + " failed"
        + (n.get(RunState.PRUNED) > 0 ? ", " + n.get(RunState.PRUNED) + " pruned" : "")
        + "; training time " + duration(ms) + " in total";
  }

  /** {@code ms} as "850 ms", "12.3 s", "4 min 05 s" or "2 h 03 min". */
  static String duration(long ms) {
    if (ms < 1000) {
      return ms + " ms";
    } else if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    } else if (ms < 3_600_000) {
      return String.format(Locale.ROOT, "%d min %02d s", ms / 60_000, ms / 1000 % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", ms / 3_600_000, ms / 60_000 % 60);
  }
}
