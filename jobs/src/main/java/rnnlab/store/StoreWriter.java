package rnnlab.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import rnnlab.train.RunResult;

/**
 * The one writer of a result store ({@link ResultStore}): {@link #open} takes the store's lock
 * ({@link StoreLock}, the file {@code DIR/_lock}) and {@link #close} releases it; a second writer fails
 * naming the holder, or waits.
 *
 * <p>Each {@link #append} writes one batch atomically: both files are written with Parquet's own writer
 * ({@link ParquetRows}, no Spark job) under the writer's own {@code DIR/_staging/OWNER/} and then renamed
 * into place, the curves file first, the runs file last. A run counts as stored once its row is in
 * {@code runs/}. Once it holds the lock, {@link #open} deletes what dead writers left behind (their staging
 * folders and curves files whose runs file never arrived): any other writer is dead, since a live one would
 * hold the lock. So a store only ever holds complete batches and a rerun writes the missing runs only.
 */
public final class StoreWriter implements AutoCloseable {

  private static final String STAGING = "_staging";

  private final ResultStore reader;
  private final FileSystem fs;
  private final Path root;
  private final StoreLock lock;

  private StoreWriter(ResultStore reader, StoreLocation location, StoreLock lock) {
    this.reader = reader;
    this.fs = location.fs();
    this.root = location.path();
    this.lock = lock;
  }

  /** As {@link #open(StoreLocation, ResultStore, boolean, Consumer)}, on {@code spark}'s file systems. */
  public static StoreWriter open(SparkSession spark, String dir, boolean wait, Consumer<String> notes) {
    StoreLocation location = ResultStore.location(spark, dir);
    return open(location, ResultStore.reader(spark, dir), wait, notes);
  }

  /** As below, for a store read on the driver only ({@link ResultStore#at}): no Spark session needed. */
  public static StoreWriter open(StoreLocation location, boolean wait, Consumer<String> notes) {
    return open(location, ResultStore.at(location), wait, notes);
  }

  /**
   * Opens (and creates) the store at {@code location} for writing: takes its lock, then removes what dead
   * writers left. Close it to release the lock.
   *
   * @param reader the same store, for reading
   * @param wait   wait while another writer holds the store; else fail at once
   * @param notes  told when a dead writer's lock is taken over or waiting starts
   * @throws BadStoreException when the location cannot hold a store, or another writer holds it and
   *                           {@code wait} is false (naming that writer)
   */
  private static StoreWriter open(StoreLocation location, ResultStore reader, boolean wait,
      Consumer<String> notes) {
    location.checkWritable();
    StoreLock lock = null;
    try {
      location.fs().mkdirs(location.path());
      lock = StoreLock.acquire(location.fs(), location.path(), wait, notes);
      StoreWriter store = new StoreWriter(reader, location, lock);
      store.recover();
      return store;
    } catch (IOException e) {
      closeQuietly(lock);
      throw new UncheckedIOException("cannot open the result store " + location, e);
    } catch (RuntimeException e) {
      closeQuietly(lock);
      throw e;
    }
  }

  /** The same store, for reading (what is committed). */
  public ResultStore reader() {
    return reader;
  }

  /** The store's folder, qualified (e.g. {@code file:/home/me/results/quickstart}). */
  public String location() {
    return root.toString();
  }

  /** Releases the lock. */
  @Override
  public void close() {
    try {
      lock.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the lock of " + root, e);
    }
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
      Path runsFile = write(runRows, ResultSchema.RUNS, new Path(staging, ResultStore.RUNS + ".parquet"));
      Path curvesFile = curveRows.isEmpty() ? null
          : write(curveRows, ResultSchema.CURVES, new Path(staging, ResultStore.CURVES + ".parquet"));
      lock.check();
      if (curvesFile != null) {
        commit(curvesFile, ResultStore.CURVES, batch);
      }
      commit(runsFile, ResultStore.RUNS, batch);
      removeStaging(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a batch to " + root, e);
    }
  }

  /** This writer's staging folder. */
  private Path staging() {
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

  /** Writes {@code rows} as the Parquet file {@code file} with Parquet's own writer on this thread. */
  private Path write(List<Row> rows, StructType schema, Path file) throws IOException {
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

  /** Deletes what dead writers left: with the lock held, every other writer is dead. */
  private void recover() throws IOException {
    fs.delete(new Path(root, STAGING), true);
    Set<String> runs = reader.batches(ResultStore.RUNS);
    for (String curves : reader.batches(ResultStore.CURVES)) {
      if (!runs.contains(curves)) {
        fs.delete(new Path(new Path(root, ResultStore.CURVES), curves + ".parquet"), false);
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
