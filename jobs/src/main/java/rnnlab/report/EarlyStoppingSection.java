package rnnlab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import rnnlab.spec.RunState;

/**
 * What a scheduler (ASHA) stopped early: runs pruned at each rung, epochs saved, and every run's loss.
 * Left out when no run was pruned.
 */
final class EarlyStoppingSection implements ReportSection {

  @Override
  public String title() {
    return "Early stopping";
  }

  @Override
  public List<Report.Block> compute(ReportContext c) {
    List<EarlyStopping> sweeps = EarlyStopping.of(c.runs());
    if (sweeps.isEmpty()) {
      return List.of();
    }
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Prose("Sweeps with a scheduler (ASHA) stop runs at rungs; a stopped run is stored"
        + " pruned with its curve and held-out accuracy at the rung it reached. Epochs saved are against"
        + " training every run of the sweep to its last epoch."));
    Table.Builder t = Table.with("sweep", "runs", "pruned", "epochs trained", "epochs to train all",
        "saved", "runs reaching each rung (epochs: runs)");
    for (EarlyStopping e : sweeps) {
      t.row(e.sweep(), e.runs(), e.pruned(), e.epochsRun(), e.epochsFull(),
          String.format(Locale.ROOT, "%.0f%%", 100 * e.saved()), e.reached().entrySet().stream()
              .map(r -> r.getKey() + ": " + r.getValue()).collect(Collectors.joining(", ")));
    }
    b.add(new Report.TableBlock(t.build()));
    for (EarlyStopping e : sweeps) {
      List<Plot.Series> finished = new ArrayList<>();
      List<Plot.Series> stopped = new ArrayList<>();
      for (StoredRun r : c.runs()) {
        if (r.sweep().equals(e.sweep()) && r.lossCurve().length > 0) {
          double[] epochs = new double[r.lossCurve().length];
          Arrays.setAll(epochs, i -> i + 1);
          Plot.Series curve = new Plot.Series(r.runId(), epochs, r.lossCurve());
          (r.state() == RunState.PRUNED ? stopped : finished).add(curve);
        }
      }
      b.add(c.figure("early stopping " + e.sweep(), "early-stopping-" + Charts.slug(e.sweep()) + ".png",
          e.sweep() + ": every run's loss, pruned runs faint", () -> Plot.RunCurves.of(e.sweep()
              + ": loss per run", finished, stopped, e.rungs())));
      b.add(new Report.Prose("Training loss of every run of " + e.sweep() + ": runs trained to the end in"
          + " colour (by run id, see Best runs), pruned runs faint, rungs dashed. Runs are ranked at each"
          + " rung by the sweep's metric, which need not be the loss."));
    }
    return b;
  }
}
