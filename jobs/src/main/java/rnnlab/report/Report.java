package rnnlab.report;

import java.util.List;

/**
 * A report computed from stored runs, before any formatting: what the {@link ReportSection}s find and what
 * {@link HtmlReport} and {@link MarkdownReport} only format.
 *
 * @param sources           the result folders read, as given
 * @param runs              how many runs the report covers
 * @param stateLine         runs by state and the total training time, as one sentence
 * @param horizonDefinition what "memory horizon" means under the report's criterion
 * @param headline          the memory-horizon table
 * @param notes             everything that could not be drawn, and why
 * @param sections          the page's sections, in order
 */
public record Report(List<String> sources, int runs, String stateLine, String horizonDefinition,
    Table headline, List<String> notes, List<Section> sections) {

  public Report {
    sources = List.copyOf(sources);
    notes = List.copyOf(notes);
    sections = List.copyOf(sections);
  }

  /** A titled section of the page. */
  public record Section(String title, List<Block> blocks) {
    public Section {
      blocks = List.copyOf(blocks);
    }
  }

  /** One piece of a section. */
  public sealed interface Block permits Prose, Definition, Heading, TableBlock, Figure, Figures, Missing,
      Details, Code, Interactive {}

  /** A paragraph of plain text. */
  public record Prose(String text) implements Block {}

  /** A highlighted definition of {@code term}. */
  public record Definition(String term, String text) implements Block {}

  /** A sub-heading. */
  public record Heading(String text) implements Block {}

  /** A table. */
  public record TableBlock(Table table) implements Block {}

  /**
   * A chart as data, drawn and saved by the renderer as {@code file}.
   *
   * @param alt  the text that stands for it
   * @param plot what it shows
   */
  public record Figure(String file, String alt, Plot plot) implements Block {}

  /** Charts shown side by side. */
  public record Figures(List<Figure> figures) implements Block {
    public Figures {
      figures = List.copyOf(figures);
    }
  }

  /** What could not be drawn in this place, and why (also among {@link Report#notes}). */
  public record Missing(String text) implements Block {}

  /** A folded block: {@code summary} shown, {@code body} on demand. */
  public record Details(String summary, List<Block> body) implements Block {
    public Details {
      body = List.copyOf(body);
    }
  }

  /** Text shown as is, e.g. a command. */
  public record Code(String text) implements Block {}

  /** The interactive charts and runs table, drawn in the browser from {@code data}. */
  public record Interactive(Explore data) implements Block {}
}
