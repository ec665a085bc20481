package rnnlab.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes a {@link Report} from stored runs: runs each {@link ReportSection} in page order and keeps the
 * ones that apply, then the headline. Nothing here formats HTML or Markdown or writes a file;
 * {@link HtmlReport} and {@link MarkdownReport} do.
 */
final class ReportSections {

  private ReportSections() {}

  /** The report of {@code in}. */
  static Report compute(ReportPage.Input in) {
    ReportContext c = new ReportContext(in);
    HorizonSection horizon = new HorizonSection(MemoryHorizon.of(in.runs(), in.criterion()));
    Importance.Study study = Importance.Study.of(in.runs(), c.axes(), in.metric());
    List<Importance> importance = Importance.of(study, 0);
    List<ReportSection> all = List.of(new SweepSection(), new ExploreSection(importance),
        new StatesSection(), horizon,
        new HeatMapSection(), new LossSection(),
        new ComparisonSection("Optimizer and learning rate", "optimizer-lr", "optimizer and learning rate",
            "lr", "learning rate", "optimizer"),
        new ComparisonSection("Data size", "data-size", "data size", "samples", "training sequences",
            "length"),
        new ImportanceSection(study, importance), new BestRunsSection(), new SearchSection(),
        new EarlyStoppingSection());
    List<Report.Section> sections = new ArrayList<>();
    for (ReportSection s : all) {
      List<Report.Block> blocks = s.compute(c);
      if (!blocks.isEmpty()) {
        sections.add(new Report.Section(s.title(), blocks));
      }
    }
    return new Report(in.sources(), in.runs().size(), StatesSection.line(in.runs()),
        HorizonSection.definition(in.criterion()), horizon.table(c, false), c.notes(), sections);
  }
}
