package rnnlab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the report of a set of stored runs: computes it ({@link ReportSections}, one
 * {@link ReportSection} at a time), then formats it as
 * {@code index.html} with its PNG charts ({@link HtmlReport}) and as {@code summary.md}
 * ({@link MarkdownReport}). What cannot be drawn (no runs, a single value, only NaN) is said on the page,
 * never thrown.
 */
public final class ReportPage {

  /**
   * What the report is made from.
   *
   * @param sources   the result folders read, as given
   * @param runs      every run, deduplicated by run id
   * @param bands     loss curves aggregated over the groups of {@code groupBy}
   * @param groupBy   spec keys the loss curves and best runs are grouped by
   * @param criterion when a window counts as solved
   * @param notes     what the reader of the store already could not read
   * @param proposals for each sweep run by a model-based sampler (TPE), its run ids in proposal order
   * @param metric    what hyperparameter importance is computed for
   */
  public record Input(List<String> sources, List<StoredRun> runs, List<LossBand> bands, List<String> groupBy,
      Criterion criterion, List<String> notes, Map<String, List<String>> proposals, Metric metric) {

    /** An input without model-based sweeps, importance for held-out accuracy. */
    public Input(List<String> sources, List<StoredRun> runs, List<LossBand> bands, List<String> groupBy,
        Criterion criterion, List<String> notes) {
      this(sources, runs, bands, groupBy, criterion, notes, Map.of(), Metric.TEST_ACCURACY);
    }
  }

  /**
   * What was written.
   *
   * @param index    the page
   * @param summary  summary.md
   * @param headline the headline table (also in summary.md, and for the console)
   * @param notes    everything the page says it could not draw
   * @param report   the report as computed, before formatting
   */
  public record Written(Path index, Path summary, Table headline, List<String> notes, Report report) {}

  private ReportPage() {}

  /** Writes the report of {@code in} into folder {@code out} (created if needed). */
  public static Written write(Path out, Input in) throws IOException {
    Report report = ReportSections.compute(in);
    Files.createDirectories(out);
    Path index = HtmlReport.write(report, out);
    Path summary = out.resolve("summary.md");
    Files.writeString(summary, MarkdownReport.render(report), StandardCharsets.UTF_8);
    return new Written(index, summary, report.headline(), report.notes(), report);
  }
}
