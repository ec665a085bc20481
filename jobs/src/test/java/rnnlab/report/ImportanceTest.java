package rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;

/** fANOVA importance on runs whose metric is known to depend on one key only, and its report section. */
class ImportanceTest {

  /** Accuracy rises with lr; the optimizer and the seed do not change it; failed runs are left out. */
  private static List<StoredRun> runs() {
    List<StoredRun> runs = new ArrayList<>();
    double[] rates = {0.001, 0.01, 0.1, 1.0};
    for (int i = 0; i < rates.length; i++) {
      for (String optimizer : List.of("sgd", "adam")) {
        for (int seed = 0; seed < 2; seed++) {
          RunSpec spec = RunSpec.LAB.with(Map.of("lr", rates[i], "optimizer", optimizer, "seed", seed));
          runs.add(Runs.stored("s", Runs.result(spec, RunState.OK, 0.5 + 0.1 * i, 0.5, 0.1)));
        }
      }
    }
    runs.add(Runs.stored("s", Runs.result(RunSpec.LAB.with("lr", 0.5), RunState.FAILED, Double.NaN,
        Double.NaN, Double.NaN)));
    return runs;
  }

  @Test
  void theKeyTheMetricDependsOnTakesAllTheVariance() {
    Importance.Study study = Importance.Study.of(runs(), List.of("lr", "optimizer"), Metric.TEST_ACCURACY);
    assertEquals(16, study.metric().length, "the failed run is left out");
    assertEquals(new Importance.Param("optimizer", List.of("adam", "sgd"), 0, 0), study.params().get(1));
    List<Importance> ranked = Importance.of(study, 0);
    assertEquals("lr", ranked.get(0).key());
    assertTrue(ranked.get(0).importance() > 0.99, ranked.toString());
    assertEquals(1.0, ranked.stream().mapToDouble(Importance::importance).sum(), 1e-12);
  }

  @Test
  void sectionRanksTheKeysAndDrawsTheBars() {
    Report report = ReportSections.compute(new ReportPage.Input(List.of("s"), runs(), List.of(),
        List.of("cell"), Criterion.DEFAULT, List.of(), Map.of(), Metric.TEST_ACCURACY));
    Report.Section section = Reports.section(report, "Hyperparameter importance");
    List<List<String>> rows = Reports.rows(section);
    assertEquals(List.of("lr", "optimizer"), rows.stream().map(r -> r.get(0)).toList());
    assertEquals("0.001 to 1", rows.get(0).get(2));
    Report.Figure bars = Reports.figures(report).stream().filter(f -> f.file().equals("importance.png"))
        .findFirst().orElseThrow();
    assertEquals(List.of("lr", "optimizer"), ((Plot.Bars) bars.plot()).names());
  }

  @Test
  void aMetricThatDoesNotVaryIsOneLine() {
    Report report = ReportSections.compute(new ReportPage.Input(List.of("s"), runs(), List.of(),
        List.of("cell"), Criterion.DEFAULT, List.of(), Map.of(), Metric.LONG_ACCURACY));
    assertEquals(List.of("hyperparameter importance: 16 ok runs with accuracy on longer sequences, and it"
        + " does not vary among them or there are fewer than two"),
        Reports.texts(Reports.section(report, "Hyperparameter importance")));
  }

  @Test
  void aKeyThatVariesOnlyAmongRunsLeftOutIsNoParameter() {
    List<StoredRun> runs = new ArrayList<>(runs());
    runs.add(Runs.stored("s", Runs.result(RunSpec.LAB.with("window", 9), RunState.DIVERGED, 0.5, 0.5, 1)));
    Importance.Study study = Importance.Study.of(runs, Aggregates.axes(runs), Metric.TEST_ACCURACY);
    assertEquals(List.of("optimizer", "lr"), study.params().stream().map(Importance.Param::key).toList());
    assertEquals("lr", Importance.of(study, 0).get(0).key());
    List<StoredRun> failed = runs.stream().filter(r -> r.state() == RunState.FAILED).toList();
    assertEquals(List.of(),
        Importance.of(Importance.Study.of(failed, List.of("lr"), Metric.TEST_ACCURACY), 0));
  }
}
