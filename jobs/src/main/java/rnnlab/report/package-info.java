/**
 * The report of result stores, computed first and formatted after: {@link rnnlab.report.ReportSections}
 * runs one {@link rnnlab.report.ReportSection} per section of the page (sweep, states, memory horizon,
 * heat maps, loss curves, comparisons, best runs, model-based search, early stopping) over
 * {@link rnnlab.report.StoredRun}s (typed results read back by {@code ResultSchema.read}) and gets a
 * {@link rnnlab.report.Report}: sentences, tables and figures as data ({@link rnnlab.report.Plot}), with
 * notes on what cannot be drawn. {@link rnnlab.report.Criterion}, {@link rnnlab.report.MemoryHorizon},
 * {@link rnnlab.report.SeedStats}, {@link rnnlab.report.EarlyStopping}, {@link rnnlab.report.LossBand} and
 * {@link rnnlab.report.Aggregates} compute; {@link rnnlab.report.HtmlReport} (PNGs drawn by
 * {@link rnnlab.report.Charts}) and {@link rnnlab.report.MarkdownReport} only format;
 * {@link rnnlab.report.ReportPage} does the two in order. Formatting code does not compute, and computing
 * code does not format.
 */
package rnnlab.report;
