package rnnlab.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import rnnlab.train.RunResult;

/**
 * A result store: Parquet files under {@code DIR/runs/} and {@code DIR/curves/} with the schemas of
 * {@link ResultSchema}, on any file system Hadoop knows ({@code file:}, {@code hdfs:}, ...).
 *
 * <p>Each {@link #append} writes one batch atomically: both files are written under {@code DIR/_staging/}
 * and then renamed into place, the curves file first, the runs file last. A run counts as stored once its
 * row is in {@code runs/}; {@link #open} deletes what a killed writer left behind (the staging folder and
 * curves files whose runs file never arrived), so a store only ever holds complete batches and a rerun
 * writes the missing runs only. Files are named {@code batch-<millis>-<random>.parquet}; readers that skip
 * names starting with '_' or '.' (Spark, DuckDB's globs, pandas) see exactly the committed batches.
 */
public final class ResultStore {

  private static final String RUNS = "runs";
  private static final String CURVES = "curves";
  private static final String STAGING = "_staging";

  private final SparkSession spark;
  private final FileSystem fs;
  private final Path root;

  private ResultStore(SparkSession spark, FileSystem fs, Path root) {
    this.spark = spark;
    this.fs = fs;
    this.root = root;
  }

  /**
   * Opens (and creates) the store in {@code dir} and removes any partial batch a killed writer left.
   *
   * @param dir a path or URI; plain paths are on the default file system, relative to the working folder
   */
  public static ResultStore open(SparkSession spark, String dir) {
    ResultStore store = reader(spark, dir);
    try {
      store.recover();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the result store " + dir, e);
    }
    return store;
  }

  /**
   * The store in {@code dir}, for reading only: nothing is created or cleaned up, so a sweep may still be
   * writing to it. Its readers see the committed batches only.
   */
  public static ResultStore reader(SparkSession spark, String dir) {
    try {
      Path path = new Path(dir);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return new ResultStore(spark, fs, fs.makeQualified(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the result store " + dir, e);
    }
  }

  /** The store's folder, qualified (e.g. {@code file:/home/me/results/quickstart}). */
  public String location() {
    return root.toString();
  }

  /** Ids of the runs stored. */
  public Set<String> doneIds() {
    Set<String> ids = new HashSet<>();
    if (!hasRuns()) {
      return ids;
    }
    for (Row row : runs().select("run_id").collectAsList()) {
      ids.add(row.getString(0));
    }
    return ids;
  }

  /** True when at least one batch of runs is stored. */
  public boolean hasRuns() {
    return !batches(RUNS).isEmpty();
  }

  /** True when at least one batch of curves is stored. */
  public boolean hasCurves() {
    return !batches(CURVES).isEmpty();
  }

  /** Every stored run, one row per run, with {@link ResultSchema#RUNS}. */
  public Dataset<Row> runs() {
    return read(RUNS, ResultSchema.RUNS);
  }

  /** Every stored epoch, with {@link ResultSchema#CURVES}. */
  public Dataset<Row> curves() {
    return read(CURVES, ResultSchema.CURVES);
  }

  /**
   * Stores {@code results} of sweep {@code sweep} as one batch, all or nothing. The caller passes each run
   * once and none that is stored already.
   */
  public void append(String sweep, List<RunResult> results) {
    if (results.isEmpty()) {
      return;
    }
    List<Row> runRows = new ArrayList<>();
    List<Row> curveRows = new ArrayList<>();
    for (RunResult r : results) {
      runRows.add(ResultSchema.runRow(sweep, r));
      curveRows.addAll(ResultSchema.curveRows(r));
    }
    String batch = "batch-" + System.currentTimeMillis() + "-" + UUID.randomUUID().toString().substring(0, 8);
    Path staging = new Path(new Path(root, STAGING), batch);
    try {
      Path runsFile = writeOne(runRows, ResultSchema.RUNS, new Path(staging, RUNS));
      Path curvesFile = curveRows.isEmpty() ? null
          : writeOne(curveRows, ResultSchema.CURVES, new Path(staging, CURVES));
      if (curvesFile != null) {
        commit(curvesFile, CURVES, batch);
      }
      commit(runsFile, RUNS, batch);
      removeStaging(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a batch to " + root, e);
    }
  }

  /**
   * Writes a one-run batch of {@code result} under the staging folder and deletes it: the first write of a
   * JVM pays for Spark SQL's start-up and code generation (seconds), which a sweep does while its first
   * runs train instead of after them.
   */
  public void warmUp(RunResult result) {
    Path dir = new Path(new Path(root, STAGING), "warm-up-" + UUID.randomUUID().toString().substring(0, 8));
    try {
      writeOne(List.of(ResultSchema.runRow("warm-up", result)), ResultSchema.RUNS, new Path(dir, RUNS));
      removeStaging(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + root, e);
    }
  }

  /** Deletes {@code dir} under the staging folder, and the staging folder once it is empty. */
  private void removeStaging(Path dir) throws IOException {
    fs.delete(dir, true);
    Path staging = new Path(root, STAGING);
    if (fs.exists(staging) && fs.listStatus(staging).length == 0) {
      fs.delete(staging, false);
    }
  }

  private Dataset<Row> read(String table, org.apache.spark.sql.types.StructType schema) {
    if (batches(table).isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    return spark.read().schema(schema).parquet(new Path(root, table).toString());
  }

  /** Writes {@code rows} as a single Parquet file under {@code dir} and returns that file. */
  private Path writeOne(List<Row> rows, org.apache.spark.sql.types.StructType schema, Path dir)
      throws IOException {
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dir.toString());
    for (FileStatus f : fs.listStatus(dir)) {
      if (f.getPath().getName().endsWith(".parquet")) {
        return f.getPath();
      }
    }
    throw new IOException("Spark wrote no Parquet file under " + dir);
  }

  private void commit(Path file, String table, String batch) throws IOException {
    Path dir = new Path(root, table);
    fs.mkdirs(dir);
    Path target = new Path(dir, batch + ".parquet");
    if (!fs.rename(file, target)) {
      throw new IOException("cannot rename " + file + " to " + target);
    }
  }

  /** Names (without .parquet) of the committed batch files of {@code table}. */
  private Set<String> batches(String table) {
    Set<String> names = new HashSet<>();
    try {
      Path dir = new Path(root, table);
      if (!fs.exists(dir)) {
        return names;
      }
      for (FileStatus f : fs.listStatus(dir)) {
        String name = f.getPath().getName();
        if (name.startsWith("batch-") && name.endsWith(".parquet")) {
          names.add(name.substring(0, name.length() - ".parquet".length()));
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + "/" + table, e);
    }
  }

  private void recover() throws IOException {
    fs.mkdirs(root);
    fs.delete(new Path(root, STAGING), true);
    Set<String> runs = batches(RUNS);
    for (String curves : batches(CURVES)) {
      if (!runs.contains(curves)) {
        fs.delete(new Path(new Path(root, CURVES), curves + ".parquet"), false);
      }
    }
  }
}
