package rnnlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The best run of each group of {@code --group-by}, with its full spec and the command that reruns it. */
final class BestRunsSection implements ReportSection {

  @Override
  public String title() {
    return "Best runs";
  }

  @Override
  public List<Report.Block> compute(ReportContext c) {
    if (c.runs().isEmpty()) {
      return List.of(c.missing("best runs: the store holds no runs"));
    }
    List<String> keys = c.in().groupBy();
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Prose("The best run of each group of " + String.join(", ", keys) + ": ok first, then"
        + " highest held-out accuracy, highest long accuracy, lowest final loss. Its command reruns it (same"
        + " spec, same numbers)."));
    Table.Builder t = Table.with(String.join(", ", keys), "run id", "state", "held-out accuracy",
        "long accuracy", "final loss", "epochs", "setting");
    List<Report.Block> commands = new ArrayList<>();
    Map<List<Object>, List<StoredRun>> groups = Aggregates.groupBy(c.runs(), r -> Aggregates.values(r, keys));
    groups.entrySet().stream().sorted((x, y) -> Aggregates.LIST_ORDER.compare(x.getKey(), y.getKey()))
        .forEach(g -> {
          StoredRun best = g.getValue().stream().min(Aggregates.BEST_FIRST).orElseThrow();
          String group = g.getKey().stream().map(Table::format).collect(Collectors.joining(", "));
          t.row(group, best.runId(), best.state().label(), best.testAccuracy(), best.longAccuracy(),
              best.finalLoss(), best.epochsRun(), Aggregates.describe(best, c.axes()));
          Table.Builder spec = Table.with("key", "value");
          best.spec().forEach(spec::row);
          commands.add(new Report.Details(group + ": run " + best.runId(), List.of(
              new Report.Code(best.rerunCommand()), new Report.TableBlock(spec.build()))));
        });
    b.add(new Report.TableBlock(t.build()));
    b.add(new Report.Heading("Full specs and rerun commands"));
    b.addAll(commands);
    return b;
  }
}
