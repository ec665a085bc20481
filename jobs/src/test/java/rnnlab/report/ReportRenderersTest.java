package rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderers only format a computed {@link Report}; a chart with nothing to draw is its own case. */
class ReportRenderersTest {

  @TempDir
  Path dir;

  private static Report report(List<Report.Block> blocks) {
    Table headline = Table.with("engine", "cell", "memory horizon").row("numeric", "rnn", 3).build();
    return new Report(List.of("results/a"), 2, "2 runs: 2 ok, 0 diverged, 0 failed; training time 1.0 s in"
        + " total", "the longest window solved", headline, List.of("data size: nothing to compare"),
        List.of(new Report.Section("Sweep & more", blocks)));
  }

  @Test
  void htmlEscapesTextAndSavesEachFigureBesideThePage() throws IOException {
    Plot.Series series = new Plot.Series("rnn", new double[] {2, 3}, new double[] {1.0, 0.75});
    Report.Figure figure = new Report.Figure("horizon.png", "accuracy <by> window",
        Plot.Lines.of("t", "window", "accuracy", List.of(series), false, true, Double.NaN, ""));
    Path index = HtmlReport.write(report(List.of(new Report.Prose("a < b & c"),
        new Report.Details("run 1", List.of(new Report.Code("./submit.sh train --window=3"))),
        new Report.Figures(List.of(figure)), new Report.Missing("loss curves: no run has a finite loss"))),
        dir);
    String html = Files.readString(index);
    assertTrue(html.contains("<p>a &lt; b &amp; c</p>"), html);
    assertTrue(html.contains("<h2 id=\"sweep-more\">Sweep &amp; more</h2>"), html);
    assertTrue(html.contains("<details><summary>run 1</summary>\n<pre>./submit.sh train --window=3</pre>"),
        html);
    assertTrue(html.contains("<div class=\"pair\">\n<figure><img src=\"horizon.png\""
        + " alt=\"accuracy &lt;by&gt; window\"></figure>\n</div>"), html);
    assertTrue(html.contains("<p class=\"missing\">Not drawn: loss curves: no run has a finite loss</p>"),
        html);
    assertTrue(html.contains("<li>data size: nothing to compare</li>"), html);
    assertTrue(Files.size(dir.resolve("horizon.png")) > 0);
  }

  @Test
  void markdownHoldsTheStatesTheDefinitionTheHeadlineAndTheNotes() {
    assertEquals("""
        # rnnlab report

        From results/a: 2 runs: 2 ok, 0 diverged, 0 failed; training time 1.0 s in total.

        Memory horizon: the longest window solved

        | engine | cell | memory horizon |
        | --- | --- | --- |
        | numeric | rnn | 3 |

        Not drawn:

        - data size: nothing to compare
        """, MarkdownReport.render(report(List.of())));
  }

  @Test
  void onlyNaNOrASingleCellIsNothingToDraw() {
    Plot.Series nan = new Plot.Series("rnn", new double[] {2, 3}, new double[] {Double.NaN, Double.NaN});
    assertThrows(NothingToDrawException.class,
        () -> Plot.Lines.of("t", "window", "accuracy", List.of(nan), false, false, Double.NaN, ""));
    assertThrows(NothingToDrawException.class, () -> Plot.HeatMap.of("t", "window", List.of(2, 3), "S1",
        List.of(4), new double[][] {{Double.NaN}, {Double.NaN}}));
    assertThrows(NothingToDrawException.class, () -> Plot.HeatMap.of("t", "window", List.of(2), "S1",
        List.of(4), new double[][] {{0.9}}));
  }

  @Test
  void aHeatMapWithOneWindowIsDrawn() throws IOException {
    Report.Figure one = new Report.Figure("heat.png", "one window", Plot.HeatMap.of("t", "window",
        List.of(4), "hidden units (S1)", List.of(2, 3, 5), new double[][] {{0.6, 0.9, Double.NaN}}));
    HtmlReport.write(report(List.of(one)), dir);
    assertTrue(Files.size(dir.resolve("heat.png")) > 1000);
  }
}
