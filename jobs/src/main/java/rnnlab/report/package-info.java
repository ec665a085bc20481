/**
 * The report of a result store: {@link rnnlab.report.StoredRun} (one run as read back),
 * {@link rnnlab.report.MemoryHorizon} and {@link rnnlab.report.Aggregates} (what the runs say),
 * {@link rnnlab.report.Charts} (XChart PNGs), {@link rnnlab.report.Table} (HTML, Markdown and console tables)
 * and {@link rnnlab.report.ReportPage} (index.html and summary.md). No Spark here except reading rows.
 */
package rnnlab.report;
