/**
 * The report of result stores, computed first and formatted after: {@link rnnlab.report.ReportSections}
 * computes a {@link rnnlab.report.Report} (section records: sentences, tables, charts, and notes on what
 * cannot be drawn) from {@link rnnlab.report.StoredRun}s, with {@link rnnlab.report.Criterion},
 * {@link rnnlab.report.MemoryHorizon}, {@link rnnlab.report.SeedStats}, {@link rnnlab.report.Aggregates}
 * and {@link rnnlab.report.LossBand}; {@link rnnlab.report.HtmlReport} and
 * {@link rnnlab.report.MarkdownReport} only format it; {@link rnnlab.report.ReportPage} does the two in
 * order. {@link rnnlab.report.Charts} draws XChart charts, {@link rnnlab.report.Table} formats tables.
 * Spark stays out of this package but for reading a row; the jobs in {@code rnnlab.jobs} do the reading
 * and aggregating. Formatting code does not compute, and computing code does not format.
 */
package rnnlab.report;
