package rnnlab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import rnnlab.spec.RunState;

/**
 * Sweeps whose runs a model-based sampler (TPE, alone or under ASHA) proposed: the best held-out accuracy
 * after each proposal, and where the proposals went over each axis. Left out when no sweep was model-based.
 */
final class SearchSection implements ReportSection {

  @Override
  public String title() {
    return "Model-based search";
  }

  @Override
  public List<Report.Block> compute(ReportContext c) {
    if (c.in().proposals().isEmpty()) {
      return List.of();
    }
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Prose("Sweeps whose runs a sampler (TPE) proposed from the results so far, in the order"
        + " proposed: the best held-out accuracy after each run, and where the proposals went over each range"
        + " (the first runs are the enqueued and random startup ones). Under early stopping (ASHA) the best"
        + " so far counts only runs trained to their last epoch: a pruned run's accuracy is at a smaller"
        + " budget."));
    Map<String, StoredRun> byId = new LinkedHashMap<>();
    c.runs().forEach(r -> byId.put(r.runId(), r));
    c.in().proposals().forEach((sweep, ids) -> {
      List<StoredRun> runs = ids.stream().map(byId::get).filter(Objects::nonNull).toList();
      if (runs.isEmpty()) {
        b.add(c.missing("model-based search " + sweep + ": none of its proposals is in the store"));
      } else {
        b.addAll(sweep(c, sweep, runs));
      }
    });
    return b;
  }

  private static List<Report.Block> sweep(ReportContext c, String sweep, List<StoredRun> runs) {
    List<Report.Block> b = new ArrayList<>();
    double[] x = new double[runs.size()];
    double[] best = new double[runs.size()];
    double so = Double.NaN;
    for (int i = 0; i < runs.size(); i++) {
      double a = runs.get(i).state() == RunState.PRUNED ? Double.NaN : runs.get(i).testAccuracy();
      if (!Double.isNaN(a) && (Double.isNaN(so) || a > so)) {
        so = a;
      }
      x[i] = i + 1;
      best[i] = so;
    }
    String slug = Charts.slug(sweep);
    b.add(new Report.Heading(sweep));
    long pruned = runs.stream().filter(r -> r.state() == RunState.PRUNED).count();
    if (pruned > 0) {
      b.add(new Report.Prose(String.format(Locale.ROOT, "%d of %d proposed runs were stopped early by ASHA"
          + " (pruned).", pruned, runs.size())));
    }
    b.add(c.figure("best so far " + sweep, "best-so-far-" + slug + ".png", sweep + ": best so far",
        () -> Plot.Lines.of(sweep + ": best held-out accuracy so far", "runs (in proposal order)",
            "best held-out accuracy", List.of(new Plot.Series("best so far", x, best)), false, false,
            Double.NaN, "")));
    for (String axis : Aggregates.axes(runs)) {
      double[] values = runs.stream().mapToDouble(r -> r.get(axis) instanceof Number n ? n.doubleValue()
          : Double.NaN).toArray();
      if (Arrays.stream(values).anyMatch(Double::isNaN)) {
        Table.Builder t = Table.with(axis, "runs", "of the last half");
        List<StoredRun> late = runs.subList(runs.size() / 2, runs.size());
        Aggregates.groupBy(runs, r -> r.get(axis)).forEach((v, g) -> t.row(v, g.size(),
            late.stream().filter(r -> v.equals(r.get(axis))).count()));
        b.add(new Report.Prose("Proposals of " + axis + ":"));
        b.add(new Report.TableBlock(t.build()));
      } else {
        double max = Arrays.stream(values).max().orElse(1);
        double min = Arrays.stream(values).min().orElse(1);
        boolean log = min > 0 && max / min > 100;
        String file = "proposals-" + slug + "-" + Charts.slug(axis) + ".png";
        b.add(c.figure("proposals " + sweep + " " + axis, file, sweep + ": proposals of " + axis,
            () -> new Plot.Points(sweep + ": " + axis + " of each run", "runs (in proposal order)", axis, x,
                values, log)));
      }
    }
    return b;
  }
}
