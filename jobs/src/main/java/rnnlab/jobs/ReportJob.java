package rnnlab.jobs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import rnnlab.report.Criterion;
import rnnlab.report.LossBand;
import rnnlab.report.Metric;
import rnnlab.report.ReportPage;
import rnnlab.report.StoredRun;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;
import rnnlab.spec.RunSpec;
import rnnlab.store.ResultSchema;
import rnnlab.store.StoreLocation;

/**
 * The report of one or more result stores: {@code index.html} with its PNG charts, and {@code summary.md}.
 *
 * <p>Usage: {@code ./submit.sh report RESULTS_DIR... [--out DIR] [--threshold 0.99] [--seed-fraction 0.5]
 * [--group-by cell,window]
 * [--metric test_accuracy]}. Several stores are merged; the report goes to {@code DIR} (default
 * {@code RESULTS_DIR/report} of the first store).
 */
public final class ReportJob {

  /** The loss curves' and best runs' grouping when none is given. */
  public static final List<String> DEFAULT_GROUP_BY = List.of("cell", "window");

  /**
   * What to report on and how.
   *
   * @param dirs      result stores (each the OUT folder of a sweep; paths or Hadoop URIs)
   * @param out       folder for index.html, summary.md and the charts
   * @param criterion when a window counts as solved
   * @param groupBy   spec keys to group loss curves and best runs by
   * @param metric    what hyperparameter importance is computed for
   */
  public record Options(List<String> dirs, Path out, Criterion criterion, List<String> groupBy,
      Metric metric) {

    /** Options with importance for held-out accuracy. */
    public Options(List<String> dirs, Path out, Criterion criterion, List<String> groupBy) {
      this(dirs, out, criterion, groupBy, Metric.TEST_ACCURACY);
    }

    public Options {
      List<String> unknown = groupBy.stream().filter(k -> !RunSpec.keys().contains(k)).toList();
      if (groupBy.isEmpty() || !unknown.isEmpty()) {
        throw new BadInputException(Problem.of("--group-by", (groupBy.isEmpty() ? "expected at least one key"
            : "unknown key(s) " + String.join(", ", unknown)) + "; keys are "
            + String.join(", ", RunSpec.keys())));
      }
      dirs = List.copyOf(dirs);
      groupBy = List.copyOf(groupBy);
    }
  }

  private ReportJob() {}

  /**
   * Where the report of the store {@code dir} goes by default: {@code DIR/report} when the store is on this
   * machine's disk, else {@code report/NAME} in the working folder (the page is always written locally).
   */
  public static Path defaultOut(String dir) {
    StoreLocation store = StoreLocation.of(dir);
    return store.isLocal() ? Path.of(store.path().toUri()).resolve("report") : Path.of("report",
        store.name());
  }

  /**
   * Reads the stores on the driver with Parquet's own reader, on Hadoop's default configuration (local
   * folders and {@code hdfs://} URIs alike), writes the report and prints its headline table to
   * {@code console}. No Spark session: the {@code report} command runs as plain Java.
   *
   * @throws BadInputException when a folder is not a result store (nothing is written)
   * @throws java.io.UncheckedIOException when the report cannot be written
   */
  public static ReportPage.Written run(Options options, PrintWriter console) {
    try {
      return run(StoreLocation.hadoopSettings(), options, console);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ReportPage.Written run(Configuration conf, Options options, PrintWriter console)
      throws IOException {
    Phases phases = new Phases();
    StoreTables.Latest latest = phases.time("runs read", () -> StoreTables.Latest.read(conf, options.dirs()));
    List<StoredRun> runs = new ArrayList<>(latest.runs().stream()
        .map(row -> StoredRun.of(ResultSchema.read(row))).toList());
    runs.sort(Comparator.comparing(StoredRun::runId));
    List<LossBand> bands = phases.time("loss bands", () -> LossBand.of(options.groupBy(), runs));
    long t0 = System.currentTimeMillis();
    ReportPage.Written written = ReportPage.write(options.out(), new ReportPage.Input(
        options.dirs(), runs, bands, options.groupBy(),
        options.criterion(), latest.notes(), proposals(conf, options.dirs(), runs), options.metric()));
    phases.add("page and charts", System.currentTimeMillis() - t0);
    console.println("Memory horizon (" + options.criterion().describe() + "):");
    console.print(written.headline().text());
    written.notes().forEach(n -> console.println("not drawn: " + n));
    console.println("report: " + written.index());
    console.println("summary: " + written.summary());
    console.println("time: " + phases);
    console.flush();
    return written;
  }

  /**
   * For each store whose journal holds a model-based sweep (TPE, with or without ASHA: its starts made by
   * the sampler; a journal of starts only before they were marked), its sweep's name and the run ids in
   * proposal order.
   */
  static Map<String, List<String>> proposals(Configuration conf, List<String> dirs, List<StoredRun> runs) {
    Map<String, String> sweepOf = new HashMap<>();
    runs.forEach(r -> sweepOf.put(r.runId(), r.sweep()));
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String dir : dirs) {
      List<SearchLog.Event> events = SearchLog.read(conf, dir);
      boolean startsOnly = events.stream().allMatch(e -> e.kind() == SearchLog.Kind.START);
      List<String> ids = events.stream().filter(e -> e.kind() == SearchLog.Kind.START
          && (e.sampled() || startsOnly)).map(SearchLog.Event::runId).toList();
      if (ids.isEmpty()) {
        continue;
      }
      String sweep = ids.stream().map(sweepOf::get).filter(java.util.Objects::nonNull).findFirst()
          .orElse(null);
      if (sweep != null) {
        out.put(sweep, ids);
      }
    }
    return out;
  }
}
