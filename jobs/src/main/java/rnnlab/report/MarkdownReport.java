package rnnlab.report;

/**
 * Formats a {@link Report} as {@code summary.md}: where the runs came from, their states, the memory
 * horizon's definition, the headline table and what could not be drawn. It only formats.
 */
final class MarkdownReport {

  private MarkdownReport() {}

  /** The summary of {@code report} as Markdown. */
  static String render(Report report) {
    StringBuilder md = new StringBuilder("# rnnlab report\n\n")
        .append("From ").append(String.join(", ", report.sources())).append(": ").append(report.stateLine())
        .append(".\n\nMemory horizon: ").append(report.horizonDefinition()).append("\n\n")
        .append(report.headline().markdown());
    if (!report.notes().isEmpty()) {
      md.append("\nNot drawn:\n\n");
      report.notes().forEach(n -> md.append("- ").append(n).append('\n'));
    }
    return md.toString();
  }
}
