package rnnlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import rnnlab.spec.RunSpec;

/** What was swept: settings, seeds, each sweep's axes and their values, and the keys held fixed. */
final class SweepSection implements ReportSection {

  @Override
  public String title() {
    return "Sweep";
  }

  @Override
  public List<Report.Block> compute(ReportContext c) {
    List<StoredRun> runs = c.runs();
    if (runs.isEmpty()) {
      return List.of(c.missing("sweep: the store holds no runs"));
    }
    long settings = runs.stream().map(StoredRun::setting).distinct().count();
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Prose(runs.size() + " runs: " + settings + " settings (every spec key but the seed) × "
        + Aggregates.distinct(runs, "seed").size() + " seeds. Axes (keys with more than one value): "
        + (c.axes().isEmpty() ? "none" : String.join(", ", c.axes())) + "."));
    Table.Builder sweeps = Table.with("sweep", "runs", "seeds", "axes and their values");
    Aggregates.groupBy(runs, StoredRun::sweep).forEach((sweep, group) -> {
      List<String> parts = new ArrayList<>();
      for (String axis : Aggregates.axes(group)) {
        parts.add(axis + ": " + Aggregates.distinct(group, axis).stream().map(Table::format)
            .collect(Collectors.joining(", ")));
      }
      sweeps.row(sweep, group.size(), Aggregates.distinct(group, "seed").size(),
          parts.isEmpty() ? "(a single setting)" : String.join("; ", parts));
    });
    b.add(new Report.TableBlock(sweeps.build()));
    Table.Builder fixed = Table.with("key", "value");
    for (String key : RunSpec.keys()) {
      List<Object> values = Aggregates.distinct(runs, key);
      if (!key.equals("seed") && values.size() == 1) {
        fixed.row(key, values.get(0));
      }
    }
    b.add(new Report.Details("Keys with one value in every run",
        List.of(new Report.TableBlock(fixed.build()))));
    return b;
  }
}
