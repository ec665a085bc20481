package rnnlab.report;

import java.util.ArrayList;
import java.util.List;

/** Reads a computed {@link Report} for tests: its sections, tables, sentences and figures as records. */
public final class Reports {

  private Reports() {}

  /** The titles of {@code report}'s sections, in order. */
  public static List<String> titles(Report report) {
    return report.sections().stream().map(Report.Section::title).toList();
  }

  /** The section titled {@code title}. */
  public static Report.Section section(Report report, String title) {
    return report.sections().stream().filter(s -> s.title().equals(title)).findFirst()
        .orElseThrow(() -> new AssertionError("no section " + title + " in " + titles(report)));
  }

  /** Every block of {@code section}, folded blocks and figure pairs opened. */
  public static List<Report.Block> blocks(Report.Section section) {
    List<Report.Block> all = new ArrayList<>();
    open(section.blocks(), all);
    return all;
  }

  /** The rows of every table of {@code section}. */
  public static List<List<String>> rows(Report.Section section) {
    return blocks(section).stream().filter(b -> b instanceof Report.TableBlock)
        .flatMap(b -> ((Report.TableBlock) b).table().rows().stream()).toList();
  }

  /** The text of every paragraph, missing-figure line and code block of {@code section}. */
  public static List<String> texts(Report.Section section) {
    List<String> texts = new ArrayList<>();
    for (Report.Block b : blocks(section)) {
      if (b instanceof Report.Prose p) {
        texts.add(p.text());
      } else if (b instanceof Report.Missing m) {
        texts.add(m.text());
      } else if (b instanceof Report.Code c) {
        texts.add(c.text());
      }
    }
    return texts;
  }

  /** Every figure of {@code report}, in page order. */
  public static List<Report.Figure> figures(Report report) {
    return report.sections().stream().flatMap(s -> blocks(s).stream())
        .filter(b -> b instanceof Report.Figure).map(b -> (Report.Figure) b).toList();
  }

  /** The file names of {@link #figures}. */
  public static List<String> files(Report report) {
    return figures(report).stream().map(Report.Figure::file).toList();
  }

  private static void open(List<? extends Report.Block> blocks, List<Report.Block> into) {
    for (Report.Block b : blocks) {
      into.add(b);
      if (b instanceof Report.Details d) {
        open(d.body(), into);
      } else if (b instanceof Report.Figures f) {
        open(f.figures(), into);
      }
    }
  }
}
