package rnnlab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Formats a {@link Report} as {@code index.html}, one self-contained page that opens from the file system
 * with no network, and saves its charts as PNGs beside it. It only formats: every number, sentence and
 * chart comes from the report.
 */
final class HtmlReport {

  private HtmlReport() {}

  /** Writes {@code report}'s page and charts into folder {@code out}; returns the page. */
  static Path write(Report report, Path out) throws IOException {
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>rnnlab report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
        .append("<h1>rnnlab report</h1>\n<p class=\"meta\">From ")
        .append(Table.escape(String.join(", ", report.sources()))).append(" &middot; ").append(report.runs())
        .append(" runs &middot; written ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append("</p>\n<nav>");
    report.sections().forEach(s -> page.append("<a href=\"#").append(Charts.slug(s.title())).append("\">")
        .append(Table.escape(s.title())).append("</a> "));
    page.append("</nav>\n<h2 id=\"headline\">Headline</h2>\n").append(report.headline().html());
    if (!report.notes().isEmpty()) {
      page.append("<div class=\"notes\"><b>Not drawn</b><ul>\n");
      report.notes().forEach(n -> page.append("<li>").append(Table.escape(n)).append("</li>\n"));
      page.append("</ul></div>\n");
    }
    for (Report.Section s : report.sections()) {
      page.append("<section><h2 id=\"").append(Charts.slug(s.title())).append("\">")
          .append(Table.escape(s.title())).append("</h2>\n");
      blocks(s.blocks(), page, out);
      page.append("</section>\n");
    }
    page.append("</body>\n</html>\n");
    Path index = out.resolve("index.html");
    Files.writeString(index, page, StandardCharsets.UTF_8);
    return index;
  }

  private static void blocks(List<Report.Block> blocks, StringBuilder page, Path out) throws IOException {
    for (Report.Block block : blocks) {
      block(block, page, out);
    }
  }

  private static void block(Report.Block block, StringBuilder page, Path out) throws IOException {
    if (block instanceof Report.Prose p) {
      page.append("<p>").append(Table.escape(p.text())).append("</p>\n");
    } else if (block instanceof Report.Definition d) {
      page.append("<p class=\"definition\"><b>").append(Table.escape(d.term())).append("</b>: ")
          .append(Table.escape(d.text())).append("</p>\n");
    } else if (block instanceof Report.Heading h) {
      page.append("<h3>").append(Table.escape(h.text())).append("</h3>\n");
    } else if (block instanceof Report.TableBlock t) {
      page.append(t.table().html());
    } else if (block instanceof Report.Figure f) {
      Charts.save(Charts.draw(f.plot()), out, f.file());
      page.append("<figure><img src=\"").append(f.file()).append("\" alt=\"").append(Table.escape(f.alt()))
          .append("\"></figure>\n");
    } else if (block instanceof Report.Figures fs) {
      page.append("<div class=\"pair\">\n");
      blocks(List.copyOf(fs.figures()), page, out);
      page.append("</div>\n");
    } else if (block instanceof Report.Missing m) {
      page.append("<p class=\"missing\">Not drawn: ").append(Table.escape(m.text())).append("</p>\n");
    } else if (block instanceof Report.Details d) {
      page.append("<details><summary>").append(Table.escape(d.summary())).append("</summary>\n");
      blocks(d.body(), page, out);
      page.append("</details>\n");
    } else if (block instanceof Report.Code c) {
      page.append("<pre>").append(Table.escape(c.text())).append("</pre>\n");
    } else if (block instanceof Report.Interactive i) {
      interactive(i.data(), page, out);
    } else {
      throw new IllegalStateException("no HTML for " + block);
    }
  }

  /** ECharts as the webjar in the parent pom ships it (a test checks that the resource exists). */
  static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

  /**
   * The interactive charts' containers and scripts: ECharts and {@code explore.js} copied beside the page
   * from the jar, the data as {@code report-data.js} (a script, since a page opened from the file system
   * may not fetch files).
   */
  private static void interactive(Explore data, StringBuilder page, Path out) throws IOException {
    copy(ECHARTS, out.resolve("echarts.min.js"));
    copy("rnnlab/report/explore.js", out.resolve("explore.js"));
    Files.writeString(out.resolve("report-data.js"), "window.RNNLAB_DATA = "
        + new ObjectMapper().writeValueAsString(data) + ";\n", StandardCharsets.UTF_8);
    page.append("""
        <div id="explore">
        <noscript><p class="missing">The interactive charts need JavaScript; the PNG charts below do not.</p>
        </noscript>
        <div id="explore-curves" class="chart"></div>
        <div id="explore-parallel" class="chart"></div>
        <div class="pair"><div id="explore-importance" class="chart half"></div>
        <div id="explore-slices" class="pair"></div></div>
        <p><input id="explore-filter" placeholder="filter the runs: text in any cell" size="40">
        <span id="explore-count"></span> <button id="explore-clear">show all runs</button></p>
        <pre id="explore-rerun">Click a run id to see its curve and its rerun command.</pre>
        <div class="scroll"><table id="explore-runs"><thead></thead><tbody></tbody></table></div>
        </div>
        <script src="echarts.min.js"></script>
        <script src="report-data.js"></script>
        <script src="explore.js"></script>
        """);
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is not on the classpath");
      }
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static final String CSS = """
      body { font-family: sans-serif; max-width: 1240px; margin: 1.5em auto; padding: 0 1em; color: #222; }
      h1 { margin-bottom: 0.2em; }
      h2 { border-bottom: 2px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
      .meta { color: #666; } nav a { margin-right: 1em; }
      table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
      th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
      th { background: #f2f2f2; } tbody tr:nth-child(even) { background: #fafafa; }
      figure { margin: 0.8em 0; } img { max-width: 100%; height: auto; border: 1px solid #eee; }
      .pair { display: flex; flex-wrap: wrap; gap: 0.5em; } .pair figure { margin: 0; }
      .notes { background: #fff8e1; border: 1px solid #f0d890; padding: 0.4em 1em; }
      .missing { color: #8a5a00; font-style: italic; }
      .definition { background: #eef5ff; border-left: 4px solid #4a7fd0; padding: 0.5em 0.8em; }
      pre { background: #f6f6f6; padding: 0.6em; white-space: pre-wrap; word-break: break-all; }
      details { margin: 0.3em 0; }
      .chart { width: 100%; height: 440px; } .half { width: 560px; height: 320px; }
      .slice { width: 360px; height: 280px; } .scroll { max-height: 520px; overflow: auto; }
      #explore-runs th { cursor: pointer; } #explore-runs .sorted { background: #dde8f8; }
      """;
}
