package rnnlab.store;

import static org.apache.spark.sql.functions.input_file_name;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import rnnlab.spec.Choice;
import rnnlab.spec.RunState;

/**
 * A result store, for reading: Parquet files under {@code DIR/runs/} and {@code DIR/curves/} with the schemas
 * of {@link ResultSchema}, on any file system Hadoop knows ({@code file:}, {@code hdfs:}, ...; see
 * {@link StoreLocation}). It takes no lock and sees the committed batches only, so a sweep may be writing
 * meanwhile; {@link StoreWriter} writes the batches.
 *
 * <p>A run stored more than once is seen through its newest row ({@link NewestRow}); the older rows stay in
 * {@link #runs} for the record. The resume scan ({@link #states}) and the report ({@link #latestRunRows})
 * read on the driver with Parquet's own reader ({@link ParquetRows}): no Spark job, and no Spark session
 * either for a store opened with {@link #at}. Files are named {@code batch-<millis>-<random>.parquet};
 * readers that skip names starting with '_' or '.' (Spark, DuckDB's globs, pandas) see exactly the committed
 * batches.
 */
public final class ResultStore {

  static final String RUNS = "runs";
  static final String CURVES = "curves";

  /** For the tables as Spark datasets; null for a store read on the driver only. */
  private final SparkSession spark;
  private final FileSystem fs;
  private final Path root;

  private ResultStore(SparkSession spark, StoreLocation location) {
    this.spark = spark;
    this.fs = location.fs();
    this.root = location.path();
  }

  /** The store in {@code dir}, on the file systems of {@code spark}'s Hadoop configuration. */
  public static ResultStore reader(SparkSession spark, String dir) {
    return new ResultStore(spark, location(spark, dir));
  }

  /**
   * The store at {@code location}, for the reads on the driver only ({@link #hasRuns}, {@link #states},
   * {@link #latestRunRows}, {@link #latestRunRow}): no Spark session needed; its Spark datasets
   * ({@link #runs}, {@link #curves}, {@link #latestRuns}) are not available.
   */
  public static ResultStore at(StoreLocation location) {
    return new ResultStore(null, location);
  }

  /** {@code dir} as a location on the file systems of {@code spark}'s Hadoop configuration. */
  public static StoreLocation location(SparkSession spark, String dir) {
    return StoreLocation.of(dir, spark.sparkContext().hadoopConfiguration());
  }

  /** The store's folder, qualified (e.g. {@code file:/home/me/results/quickstart}). */
  public String location() {
    return root.toString();
  }

  /** Ids of the runs stored. */
  public Set<String> doneIds() {
    return new HashSet<>(states().keySet());
  }

  /**
   * The state of every stored run, from its newest row. Reads only the columns it needs, with Parquet's own
   * reader on the driver ({@link ParquetRows}): no Spark job, no Spark SQL start-up, no shuffle; a resume
   * check of a store of 100,000 runs reads a few megabytes.
   */
  public Map<String, RunState> states() {
    Map<String, RunState> states = new HashMap<>();
    newestRows(new StructType().add("run_id", DataTypes.StringType).add("state", DataTypes.StringType)
        .add("start_time", DataTypes.TimestampType))
        .forEach((id, row) -> states.put(id, Choice.parse(RunState.class, row.getString(1))));
    return states;
  }

  /**
   * The newest row of every stored run, as {@link #latestRuns} but read on the driver with Parquet's own
   * reader, in one pass, without a Spark job (for a report, which needs every run on the driver anyway).
   * Each row has the columns of {@link ResultSchema#RUNS}, then the file it was read from.
   */
  public List<Row> latestRunRows() {
    return new ArrayList<>(newestRows(ResultSchema.RUNS).values());
  }

  /**
   * The newest row of run {@code runId} with {@link ResultSchema#RUNS} (then the file it was read from), read
   * on the driver: the ids and start times of every batch first, then the whole row from its one file only.
   */
  public Optional<Row> latestRunRow(String runId) {
    Row newest = newestRows(new StructType().add("run_id", DataTypes.StringType)
        .add("start_time", DataTypes.TimestampType)).get(runId);
    if (newest == null) {
      return Optional.empty();
    }
    String file = newest.getAs(NewestRow.FILE);
    try {
      List<Row> rows = ParquetRows.read(fs.getConf(), new Path(file), ResultSchema.RUNS, NewestRow.FILE);
      return Optional.ofNullable(NewestRow.of(rows).get(runId));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * The newest row of every run by run id, read on the driver. {@code columns} must include {@code run_id}
   * and {@code start_time}; the file is added as a last column.
   */
  private Map<String, Row> newestRows(StructType columns) {
    List<Row> rows = new ArrayList<>();
    for (String batch : new TreeSet<>(batches(RUNS))) {
      Path file = new Path(new Path(root, RUNS), batch + ".parquet");
      try {
        rows.addAll(ParquetRows.read(fs.getConf(), fs.makeQualified(file), columns, NewestRow.FILE));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return NewestRow.of(rows);
  }

  /**
   * Every stored epoch, read on the driver as {@link #latestRunRows} reads runs; an epoch stored twice (a
   * retried run) from the newer batch file. Each row has the columns of {@link ResultSchema#CURVES}.
   */
  public List<Row> curveRows() {
    Map<List<Object>, Row> epochs = new LinkedHashMap<>();
    int n = ResultSchema.CURVES.fields().length;
    for (String batch : new TreeSet<>(batches(CURVES))) {
      Path file = new Path(new Path(root, CURVES), batch + ".parquet");
      try {
        for (Row row : ParquetRows.read(fs.getConf(), fs.makeQualified(file), ResultSchema.CURVES,
            NewestRow.FILE)) {
          Object[] values = new Object[n];
          for (int i = 0; i < n; i++) {
            values[i] = row.get(i);
          }
          epochs.put(List.of(row.getAs("run_id"), row.getAs("epoch")), RowFactory.create(values));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return new ArrayList<>(epochs.values());
  }

  /** Bytes of the committed batch files of runs/ and curves/. */
  public long bytes() {
    long bytes = 0;
    for (String table : List.of(RUNS, CURVES)) {
      for (FileStatus f : batchFiles(table)) {
        bytes += f.getLen();
      }
    }
    return bytes;
  }

  /** The newest row of every stored run, with {@link ResultSchema#RUNS} ({@link NewestRow}, in Spark SQL). */
  public Dataset<Row> latestRuns() {
    return NewestRow.of(runs().withColumn(NewestRow.FILE, input_file_name())).drop(NewestRow.FILE);
  }

  /** True when at least one batch of runs is stored. */
  public boolean hasRuns() {
    return !batches(RUNS).isEmpty();
  }

  /** True when at least one batch of curves is stored. */
  public boolean hasCurves() {
    return !batches(CURVES).isEmpty();
  }

  /** Every stored row of runs (a retried run more than once), with {@link ResultSchema#RUNS}. */
  public Dataset<Row> runs() {
    return read(RUNS, ResultSchema.RUNS);
  }

  /** Every stored epoch, with {@link ResultSchema#CURVES}. */
  public Dataset<Row> curves() {
    return read(CURVES, ResultSchema.CURVES);
  }

  private Dataset<Row> read(String table, StructType schema) {
    if (spark == null) {
      throw new IllegalStateException("the store " + root + " was opened without Spark: no datasets");
    }
    if (batches(table).isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    return spark.read().schema(schema).parquet(new Path(root, table).toString());
  }

  /** Names (without .parquet) of the committed batch files of {@code table}. */
  Set<String> batches(String table) {
    Set<String> names = new HashSet<>();
    for (FileStatus f : batchFiles(table)) {
      String name = f.getPath().getName();
      names.add(name.substring(0, name.length() - ".parquet".length()));
    }
    return names;
  }

  /** The committed batch files of {@code table}. */
  private List<FileStatus> batchFiles(String table) {
    List<FileStatus> files = new ArrayList<>();
    try {
      Path dir = new Path(root, table);
      if (!fs.exists(dir)) {
        return files;
      }
      for (FileStatus f : fs.listStatus(dir)) {
        String name = f.getPath().getName();
        if (name.startsWith("batch-") && name.endsWith(".parquet")) {
          files.add(f);
        }
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + "/" + table, e);
    }
  }
}
