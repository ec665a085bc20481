package rnnlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which varied key matters for the chosen metric ({@code --metric}): fANOVA importance ({@link Importance})
 * over the ok runs, as bars and a table. One line when no key varies or too few runs have the metric.
 */
final class ImportanceSection implements ReportSection {

  private final Importance.Study study;
  private final List<Importance> ranked;

  /** The section of {@code ranked}, the importance of {@code study}'s keys ({@link Importance#of}). */
  ImportanceSection(Importance.Study study, List<Importance> ranked) {
    this.study = study;
    this.ranked = ranked;
  }

  @Override
  public String title() {
    return "Hyperparameter importance";
  }

  @Override
  public List<Report.Block> compute(ReportContext c) {
    Metric metric = c.in().metric();
    if (c.axes().isEmpty()) {
      return List.of(c.missing("hyperparameter importance: no key but the seed varies"));
    }
    if (ranked.isEmpty()) {
      return List.of(c.missing("hyperparameter importance: " + study.metric().length + " ok runs with "
          + metric.words() + ", and it does not vary among them or there are fewer than two"));
    }
    List<Report.Block> b = new ArrayList<>();
    b.add(new Report.Prose("fANOVA (Hutter et al. 2014, Optuna's default evaluator): a random forest of "
        + Fanova.TREES + " regression trees fitted to the " + study.metric().length + " ok runs' "
        + metric.words() + " (--metric " + metric.label() + "), then each key's share of the variance of the"
        + " forest's prediction over the keys' ranges. Shares sum to 1; a key whose share is near 0 does not"
        + " change the metric within the range swept (or only together with another key)."
        + (c.runs().size() > Importance.MAX_RUNS ? " Fitted to " + Importance.MAX_RUNS + " runs drawn at"
            + " random." : "")));
    if (ranked.size() > 1) {
      b.add(c.figure("importance", "importance.png", "Importance of each varied key",
          () -> new Plot.Bars("Importance for " + metric.words(), "share of variance",
              ranked.stream().map(Importance::key).toList(),
              ranked.stream().mapToDouble(Importance::importance).toArray())));
    }
    Table.Builder t = Table.with("key", "importance", "values swept");
    for (Importance i : ranked) {
      Importance.Param p = study.params().stream().filter(q -> q.key().equals(i.key())).findFirst()
          .orElseThrow();
      t.row(i.key(), i.importance(), p.numeric() ? Table.format(p.low()) + " to " + Table.format(p.high())
          : p.choices().stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }
    b.add(new Report.TableBlock(t.build()));
    return b;
  }
}
