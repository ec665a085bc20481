package rnnlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table of text cells, rendered as HTML, Markdown, aligned console text or CSV.
 *
 * @param header column names
 * @param rows   rows of cells, each as long as the header
 */
public record Table(List<String> header, List<List<String>> rows) {

  public Table {
    header = List.copyOf(header);
    List<List<String>> copy = new ArrayList<>();
    for (List<String> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException("row of " + row.size() + " cells under " + header.size()
            + " columns: " + row);
      }
      copy.add(List.copyOf(row));
    }
    rows = List.copyOf(copy);
  }

  /** A table with the given column names and no rows yet; add rows with {@link Builder#row}. */
  public static Builder with(String... header) {
    return new Builder(List.of(header));
  }

  /** Builds a {@link Table} row by row. */
  public static final class Builder {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    private Builder(List<String> header) {
      this.header = header;
    }

    /** Adds a row; cells are turned into text with {@link #format}. */
    public Builder row(Object... cells) {
      List<String> row = new ArrayList<>();
      for (Object c : cells) {
        row.add(format(c));
      }
      rows.add(row);
      return this;
    }

    public Table build() {
      return new Table(header, rows);
    }
  }

  /** Text of a cell: doubles with up to 4 significant digits, "NaN" kept visible, null as empty. */
  public static String format(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      if (!Double.isFinite(d)) {
        return d.toString();
      }
      if (d != 0 && (Math.abs(d) < 1e-3 || Math.abs(d) >= 1e6)) {
        return String.format(Locale.ROOT, "%.3e", d);
      }
      String s = String.format(Locale.ROOT, "%.4g", d);
      return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
    return value.toString();
  }

  /** An HTML {@code <table>}; cells are escaped. */
  public String html() {
    StringBuilder b = new StringBuilder("<table>\n<thead><tr>");
    header.forEach(h -> b.append("<th>").append(escape(h)).append("</th>"));
    b.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows) {
      b.append("<tr>");
      row.forEach(c -> b.append("<td>").append(escape(c)).append("</td>"));
      b.append("</tr>\n");
    }
    return b.append("</tbody>\n</table>\n").toString();
  }

  /** A GitHub-flavoured Markdown table. */
  public String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("| ").append(String.join(" | ", header.stream().map(Table::markdownCell).toList()))
        .append(" |\n");
    b.append("|").append(" --- |".repeat(header.size())).append('\n');
    for (List<String> row : rows) {
      b.append("| ").append(String.join(" | ", row.stream().map(Table::markdownCell).toList()))
          .append(" |\n");
    }
    return b.toString();
  }

  /** Columns padded to their widest cell, for the console. */
  public String text() {
    int[] width = new int[header.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = header.get(c).length();
      for (List<String> row : rows) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    StringBuilder b = new StringBuilder();
    line(b, header, width);
    List<String> rule = new ArrayList<>();
    for (int w : width) {
      rule.add("-".repeat(w));
    }
    line(b, rule, width);
    rows.forEach(row -> line(b, row, width));
    return b.toString();
  }

  /** RFC 4180 CSV: a header line, then one line per row; cells quoted where needed. */
  public String csv() {
    StringBuilder b = new StringBuilder();
    b.append(String.join(",", header.stream().map(Table::csvCell).toList())).append("\r\n");
    for (List<String> row : rows) {
      b.append(String.join(",", row.stream().map(Table::csvCell).toList())).append("\r\n");
    }
    return b.toString();
  }

  /** {@code text} with HTML's special characters escaped. */
  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static void line(StringBuilder b, List<String> cells, int[] width) {
    StringBuilder l = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      l.append(c == 0 ? "" : "  ").append(cells.get(c)).append(" ".repeat(width[c] - cells.get(c).length()));
    }
    b.append(l.toString().stripTrailing()).append('\n');
  }

  private static String markdownCell(String cell) {
    return cell.replace("|", "\\|").replace("\n", " ");
  }

  private static String csvCell(String cell) {
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
      return '"' + cell.replace("\"", "\"\"") + '"';
    }
    return cell;
  }
}
