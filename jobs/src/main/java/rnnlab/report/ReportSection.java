package rnnlab.report;

import java.util.List;

/**
 * One section of the report: computes its blocks (sentences, tables, figures as data) from the runs in a
 * {@link ReportContext}; formatting is the renderers' job.
 */
interface ReportSection {

  /** The section's title, also its anchor on the page. */
  String title();

  /** The section's blocks; empty when the section does not apply to these runs (it is then left out). */
  List<Report.Block> compute(ReportContext c);
}
