package rnnlab.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import rnnlab.report.Aggregates;
import rnnlab.report.Criterion;
import rnnlab.report.LossBand;
import rnnlab.report.ReportPage;
import rnnlab.report.StoredRun;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;
import rnnlab.spec.RunSpec;
import rnnlab.store.StoreLocation;

/**
 * The report of one or more result stores: {@code index.html} with its PNG charts, and {@code summary.md}.
 *
 * <p>Usage: {@code ./submit.sh report RESULTS_DIR... [--out DIR] [--threshold 0.99] [--seed-fraction 0.5]
 * [--group-by cell,window]}. Several stores are merged; the report goes to {@code DIR} (default
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
   */
  public record Options(List<String> dirs, Path out, Criterion criterion, List<String> groupBy) {

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
   * As {@link #run(SparkSession, Options, PrintWriter)}, in a session of its own (see {@link Sessions}).
   *
   * @throws java.io.UncheckedIOException when the report cannot be written
   */
  public static ReportPage.Written run(Options options, PrintWriter console) {
    return Sessions.with("rnnlab report", spark -> {
      try {
        return run(spark, options, console);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  /**
   * Reads the stores, writes the report and prints its headline table to {@code console}.
   *
   * @throws BadInputException when a folder is not a result store (nothing is written)
   * @throws IOException        when the report cannot be written
   */
  public static ReportPage.Written run(SparkSession spark, Options options, PrintWriter console)
      throws IOException {
    StoreTables tables = StoreTables.read(spark, options.dirs());
    List<StoredRun> runs = new ArrayList<>(tables.runs().collectAsList().stream().map(StoredRun::fromRow)
        .toList());
    runs.sort(Comparator.comparing(StoredRun::runId));
    List<LossBand> bands = lossBands(tables, options.groupBy(), runs);
    ReportPage.Written written = ReportPage.write(options.out(), new ReportPage.Input(
        options.dirs(), runs, bands, options.groupBy(),
        options.criterion(), tables.notes(), proposals(spark, options.dirs(), runs)));
    console.println("Memory horizon (" + options.criterion().describe() + "):");
    console.print(written.headline().text());
    written.notes().forEach(n -> console.println("not drawn: " + n));
    console.println("report: " + written.index());
    console.println("summary: " + written.summary());
    console.flush();
    return written;
  }

  /**
   * For each store whose journal holds a model-based sweep (proposals and no promotions), its sweep's name
   * and the run ids in proposal order.
   */
  static Map<String, List<String>> proposals(SparkSession spark, List<String> dirs, List<StoredRun> runs) {
    Map<String, String> sweepOf = new HashMap<>();
    runs.forEach(r -> sweepOf.put(r.runId(), r.sweep()));
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String dir : dirs) {
      List<SearchLog.Event> events = SearchLog.read(spark.sparkContext().hadoopConfiguration(), dir);
      if (events.isEmpty() || events.stream().anyMatch(e -> e.kind() != SearchLog.Kind.START)) {
        continue;
      }
      List<String> ids = events.stream().map(SearchLog.Event::runId).toList();
      String sweep = ids.stream().map(sweepOf::get).filter(java.util.Objects::nonNull).findFirst()
          .orElse(null);
      if (sweep != null) {
        out.put(sweep, ids);
      }
    }
    return out;
  }

  /**
   * Median, minimum and maximum loss per epoch over the runs of each group of {@code keys}, computed by
   * Spark over {@code curves} joined with {@code runs}; groups in the order of their values. A group's run
   * count is taken from {@code runs}: those with a finite, positive loss in their curve.
   */
  static List<LossBand> lossBands(StoreTables tables, List<String> keys, List<StoredRun> runs) {
    List<Column> keyColumns = new ArrayList<>();
    keys.forEach(k -> keyColumns.add(col(k)));
    List<Column> selected = new ArrayList<>(keyColumns);
    selected.add(0, col("run_id"));
    Dataset<Row> usable = tables.curves()
        .where(col("loss").gt(0).and(col("loss").lt(Double.MAX_VALUE)).and(not(col("loss").isNaN())))
        .join(tables.runs().select(selected.toArray(Column[]::new)), "run_id");
    List<Column> grouping = new ArrayList<>(keyColumns);
    grouping.add(col("epoch"));
    List<Row> rows = usable.groupBy(grouping.toArray(Column[]::new))
        .agg(expr("percentile(loss, 0.5)").as("median"), min("loss").as("low"), max("loss").as("high"))
        .collectAsList();
    Map<List<Object>, Long> runCounts = runs.stream()
        .filter(r -> Arrays.stream(r.lossCurve()).anyMatch(l -> l > 0 && l < Double.MAX_VALUE))
        .collect(Collectors.groupingBy(r -> Aggregates.values(r, keys), Collectors.counting()));
    Map<List<Object>, List<Row>> byGroup = new LinkedHashMap<>();
    rows.forEach(r -> byGroup.computeIfAbsent(values(r, keys.size()), g -> new ArrayList<>()).add(r));
    List<LossBand> bands = new ArrayList<>();
    byGroup.forEach((group, epochs) -> {
      epochs.sort(Comparator.comparingInt(r -> r.getInt(keys.size())));
      int n = epochs.size();
      double[] epoch = new double[n];
      double[] median = new double[n];
      double[] low = new double[n];
      double[] high = new double[n];
      for (int i = 0; i < n; i++) {
        Row r = epochs.get(i);
        epoch[i] = r.getInt(keys.size());
        median[i] = r.getDouble(keys.size() + 1);
        low[i] = r.getDouble(keys.size() + 2);
        high[i] = r.getDouble(keys.size() + 3);
      }
      bands.add(new LossBand(group, runCounts.getOrDefault(group, 0L).intValue(), epoch, median, low, high));
    });
    bands.sort((a, b) -> Aggregates.LIST_ORDER.compare(a.group(), b.group()));
    return bands;
  }

  private static List<Object> values(Row row, int n) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(row.get(i));
    }
    return values;
  }
}
