/**
 * The report of result stores: {@link rnnlab.report.StoredRun} (one run as read back),
 * {@link rnnlab.report.Criterion} (when a window counts as solved), {@link rnnlab.report.MemoryHorizon},
 * {@link rnnlab.report.SeedStats} and {@link rnnlab.report.Aggregates} (what the runs say),
 * {@link rnnlab.report.LossBand} (loss curves over seeds), {@link rnnlab.report.Charts} (XChart PNGs),
 * {@link rnnlab.report.Table} (HTML, Markdown, console and CSV tables) and {@link rnnlab.report.ReportPage}
 * (index.html and summary.md). Spark stays out of this package but for reading a row; the jobs in
 * {@code rnnlab.jobs} do the reading and aggregating.
 */
package rnnlab.report;
