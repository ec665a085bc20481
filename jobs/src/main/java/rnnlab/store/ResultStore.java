package rnnlab.store;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.row_number;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import rnnlab.spec.Choice;
import rnnlab.train.RunResult;
import rnnlab.spec.RunState;

/**
 * A result store: Parquet files under {@code DIR/runs/} and {@code DIR/curves/} with the schemas of
 * {@link ResultSchema}, on any file system Hadoop knows ({@code file:}, {@code hdfs:}, ...; see
 * {@link StoreLocation}).
 *
 * <p>One writer at a time: {@link #open} takes the store's lock ({@link StoreLock}, the file
 * {@code DIR/_lock}) and {@link #close} releases it; a second writer fails naming the holder, or waits.
 * Readers ({@link #reader}) take no lock and see the committed batches only.
 *
 * <p>Each {@link #append} writes one batch atomically: both files are written under the writer's own
 * {@code DIR/_staging/OWNER/} and then renamed into place, the curves file first, the runs file last. A run
 * counts as stored once its row is in {@code runs/}. Once it holds the lock, {@link #open} deletes what dead
 * writers left behind (their staging folders and curves files whose runs file never arrived): any other
 * writer is dead, since a live one would hold the lock. So a store only ever holds complete batches and a
 * rerun writes the missing runs only. Files are named {@code batch-<millis>-<random>.parquet}; readers that
 * skip names starting with '_' or '.' (Spark, DuckDB's globs, pandas) see exactly the committed batches.
 */
public final class ResultStore implements AutoCloseable {

  private static final String RUNS = "runs";
  private static final String CURVES = "curves";
  private static final String STAGING = "_staging";
  private static final String FILE = "_file";
  private static final String RANK = "_rank";

  private final SparkSession spark;
  private final FileSystem fs;
  private final Path root;
  /** The writer's lock; null for a reader. */
  private final StoreLock lock;

  private ResultStore(SparkSession spark, StoreLocation location, StoreLock lock) {
    this.spark = spark;
    this.fs = location.fs();
    this.root = location.path();
    this.lock = lock;
  }

  /**
   * Opens (and creates) the store in {@code dir} for writing: takes its lock, then removes what dead writers
   * left. Close it to release the lock.
   *
   * @param dir   a path or URI, read by {@link StoreLocation#of}
   * @param wait  wait while another writer holds the store; else fail at once
   * @param notes told when a dead writer's lock is taken over or waiting starts
   * @throws BadStoreException when {@code dir} cannot hold a store, or another writer holds it and
   *                           {@code wait} is false (naming that writer)
   */
  public static ResultStore open(SparkSession spark, String dir, boolean wait, Consumer<String> notes) {
    StoreLocation location = location(spark, dir);
    location.checkWritable();
    StoreLock lock = null;
    try {
      location.fs().mkdirs(location.path());
      lock = StoreLock.acquire(location.fs(), location.path(), wait, notes);
      ResultStore store = new ResultStore(spark, location, lock);
      store.recover();
      return store;
    } catch (IOException e) {
      closeQuietly(lock);
      throw new UncheckedIOException("cannot open the result store " + dir, e);
    } catch (RuntimeException e) {
      closeQuietly(lock);
      throw e;
    }
  }

  /**
   * The store in {@code dir}, for reading only: no lock, nothing is created or cleaned up, so a sweep may
   * still be writing to it. Its readers see the committed batches only.
   */
  public static ResultStore reader(SparkSession spark, String dir) {
    return new ResultStore(spark, location(spark, dir), null);
  }

  /** {@code dir} as a location on the file systems of {@code spark}'s Hadoop configuration. */
  public static StoreLocation location(SparkSession spark, String dir) {
    return StoreLocation.of(dir, spark.sparkContext().hadoopConfiguration());
  }

  /** Releases the lock of a writer; nothing for a reader. */
  @Override
  public void close() {
    if (lock != null) {
      try {
        lock.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot release the lock of " + root, e);
      }
    }
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
   * The state of every stored run, from its newest row (the rule of {@link #latestRuns}). Reads only the
   * columns it needs, with Parquet's own reader on the driver ({@link ParquetRows}): no Spark job, no
   * Spark SQL start-up, no shuffle; a resume check of a store of 100,000 runs reads a few megabytes.
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
   * The newest row of every run by run id, read on the driver: latest start_time, then latest batch file.
   * {@code columns} must include {@code run_id} and {@code start_time}; the file is added as a last column.
   */
  private Map<String, Row> newestRows(StructType columns) {
    Map<String, Row> newest = new LinkedHashMap<>();
    for (String batch : new TreeSet<>(batches(RUNS))) {
      Path file = new Path(new Path(root, RUNS), batch + ".parquet");
      try {
        for (Row row : ParquetRows.read(fs.getConf(), fs.makeQualified(file), columns, FILE)) {
          newest.merge(row.getAs("run_id"), row, (a, b) -> newer(a, b) ? a : b);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return newest;
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
        for (Row row : ParquetRows.read(fs.getConf(), fs.makeQualified(file), ResultSchema.CURVES, FILE)) {
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

  /** True when row {@code a} is newer than row {@code b} of the same run, by the rule of latestRuns. */
  private static boolean newer(Row a, Row b) {
    int byTime = compareNullsFirst(a.getAs("start_time"), b.getAs("start_time"));
    return byTime != 0 ? byTime > 0 : a.<String>getAs(FILE).compareTo(b.getAs(FILE)) > 0;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareNullsFirst(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return ((Comparable) a).compareTo(b);
  }

  /**
   * The newest row of every stored run, with {@link ResultSchema#RUNS}: the one rule by which sweeps, reports
   * and queries see a run stored more than once (a failed run retried with {@code sweep --retry-failed}); the
   * older rows stay in {@link #runs} for the record. Newest is the latest {@code start_time}, then the latest
   * batch file.
   */
  public Dataset<Row> latestRuns() {
    return newest(runs().withColumn(FILE, input_file_name()), "run_id", FILE).drop(FILE);
  }

  /** The newest rows of {@code rows} per {@code key}: latest start_time, then latest {@code tieBreak}. */
  private static Dataset<Row> newest(Dataset<Row> rows, String key, String tieBreak) {
    return rows.withColumn(RANK, row_number().over(Window.partitionBy(key)
            .orderBy(col("start_time").desc(), col(tieBreak).desc())))
        .where(col(RANK).equalTo(1)).drop(RANK);
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
    Path staging = new Path(staging(), batch);
    try {
      Path runsFile = writeOne(runRows, ResultSchema.RUNS, new Path(staging, RUNS + ".parquet"));
      Path curvesFile = curveRows.isEmpty() ? null
          : writeOne(curveRows, ResultSchema.CURVES, new Path(staging, CURVES + ".parquet"));
      lock.check();
      if (curvesFile != null) {
        commit(curvesFile, CURVES, batch);
      }
      commit(runsFile, RUNS, batch);
      removeStaging(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a batch to " + root, e);
    }
  }

  /** This writer's staging folder. */
  private Path staging() {
    if (lock == null) {
      throw new IllegalStateException("the store " + root + " was opened for reading only");
    }
    return new Path(new Path(root, STAGING), lock.owner());
  }

  /** Deletes {@code dir} under this writer's staging folder, and the staging folders once they are empty. */
  private void removeStaging(Path dir) throws IOException {
    fs.delete(dir, true);
    for (Path folder : List.of(staging(), new Path(root, STAGING))) {
      if (fs.exists(folder) && fs.listStatus(folder).length == 0) {
        fs.delete(folder, false);
      }
    }
  }

  private Dataset<Row> read(String table, org.apache.spark.sql.types.StructType schema) {
    if (batches(table).isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    return spark.read().schema(schema).parquet(new Path(root, table).toString());
  }

  /**
   * Writes {@code rows} as the Parquet file {@code file} with Parquet's own writer on this thread
   * ({@link ParquetRows}: no Spark job per batch) and returns it.
   */
  private Path writeOne(List<Row> rows, org.apache.spark.sql.types.StructType schema, Path file)
      throws IOException {
    ParquetRows.write(fs.getConf(), file, schema, rows);
    return file;
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

  /** Deletes what dead writers left: with the lock held, every other writer is dead. */
  private void recover() throws IOException {
    fs.delete(new Path(root, STAGING), true);
    Set<String> runs = batches(RUNS);
    for (String curves : batches(CURVES)) {
      if (!runs.contains(curves)) {
        fs.delete(new Path(new Path(root, CURVES), curves + ".parquet"), false);
      }
    }
  }

  private static void closeQuietly(StoreLock lock) {
    if (lock != null) {
      try {
        lock.close();
      } catch (IOException | RuntimeException e) {
        // the open failed already; that error is the one to report
      }
    }
  }
}
