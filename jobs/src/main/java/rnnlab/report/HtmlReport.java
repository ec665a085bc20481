package rnnlab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    } else {
      throw new IllegalStateException("no HTML for " + block);
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
      """;
}
