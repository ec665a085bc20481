package rnnlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every {@link ReportSection} computes from: the report's input, the sweep's axes, and the notes on
 * what could not be drawn, which the sections add to as they go.
 */
final class ReportContext {

  /** Most heat-map panels and loss-curve charts drawn; the rest are named as left out. */
  static final int MAX_PANELS = 16;

  private final ReportPage.Input in;
  private final List<String> axes;
  private final List<String> notes = new ArrayList<>();

  ReportContext(ReportPage.Input in) {
    this.in = in;
    this.axes = Aggregates.axes(in.runs());
    this.notes.addAll(in.notes());
  }

  /** The report's input. */
  ReportPage.Input in() {
    return in;
  }

  /** Every run. */
  List<StoredRun> runs() {
    return in.runs();
  }

  /** Spec keys but the seed with more than one value among the runs. */
  List<String> axes() {
    return axes;
  }

  /** What could not be drawn, so far. */
  List<String> notes() {
    return List.copyOf(notes);
  }

  /** Adds a note on what could not be drawn. */
  void note(String text) {
    notes.add(text);
  }

  /** A block saying what could not be drawn here, also noted. */
  Report.Missing missing(String text) {
    notes.add(text);
    return new Report.Missing(text);
  }

  /** The figure {@code plot} makes, or a note that it has nothing to draw. */
  Report.Block figure(String what, String file, String alt, Supplier<Plot> plot) {
    try {
      return new Report.Figure(file, alt, plot.get());
    } catch (NothingToDrawException e) {
      return missing(what + " could not be drawn: " + e.getMessage());
    }
  }

  /** The first {@link Charts#MAX_SERIES} of {@code series}, noting when some are left out. */
  List<Plot.Series> limit(List<Plot.Series> series, String what) {
    if (series.size() <= Charts.MAX_SERIES) {
      return series;
    }
    notes.add(what + ": " + series.size() + " series, only the first " + Charts.MAX_SERIES + " are drawn");
    return series.subList(0, Charts.MAX_SERIES);
  }
}
