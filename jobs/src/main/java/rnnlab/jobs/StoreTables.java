package rnnlab.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;
import rnnlab.store.ResultSchema;
import rnnlab.store.ResultStore;
import rnnlab.store.StoreLocation;

/**
 * The {@code runs} and {@code curves} tables of one or more result stores, merged: read through
 * {@link ResultStore#reader} (the committed batches, with the schemas of {@link ResultSchema}), deduplicated
 * by run id (the same spec has the same id and the same numbers in every store).
 *
 * @param runs    one row per run: its newest ({@link ResultStore#latestRuns})
 * @param allRuns every stored row, older rows of retried runs too (the record)
 * @param curves  one row per run and epoch
 * @param notes  what could not be read, in words (a store without {@code curves/}, one with no runs yet)
 */
public record StoreTables(Dataset<Row> runs, Dataset<Row> allRuns, Dataset<Row> curves, List<String> notes) {

  /** Column that remembers which store a run was read from, while merging. */
  private static final String STORE = "store_index";

  /**
   * Stores up to this many bytes of Parquet in all are read on the driver into local tables ({@link #read}):
   * a query over them then starts no job to scan files or to find the newest row of each run.
   */
  public static final long DRIVER_BYTES = 32L << 20;

  /**
   * Reads the stores in {@code dirs} (paths or Hadoop URIs, see {@link StoreLocation}). A run held by several
   * stores is kept once, from the first of them (its numbers are the same; its sweep name is the first
   * store's). Stores of at most {@link #DRIVER_BYTES} in all are read on the driver; larger ones by Spark.
   *
   * @throws BadInputException when a folder does not exist or has no {@code runs/} folder
   */
  public static StoreTables read(SparkSession spark, List<String> dirs) {
    return read(spark, dirs, DRIVER_BYTES);
  }

  /**
   * As {@link #read(SparkSession, List)}, reading {@code runs} and {@code curves} on the driver when the
   * stores hold at most {@code driverBytes} of Parquet in all, else with Spark jobs (same rows either way).
   */
  public static StoreTables read(SparkSession spark, List<String> dirs, long driverBytes) {
    check(dirs, spark.sparkContext().hadoopConfiguration());
    List<String> notes = new ArrayList<>();
    List<ResultStore> stores = new ArrayList<>();
    long bytes = 0;
    for (String dir : dirs) {
      ResultStore store = ResultStore.reader(spark, dir);
      if (readable(store, dir, notes)) {
        stores.add(store);
        bytes += store.bytes();
      }
    }
    Dataset<Row> allRuns = spark.createDataFrame(List.of(), ResultSchema.RUNS);
    for (ResultStore store : stores) {
      allRuns = allRuns.unionByName(store.runs());
    }
    StoreTables tables = bytes <= driverBytes ? onDriver(spark, stores, allRuns)
        : bySpark(spark, stores, allRuns);
    return new StoreTables(tables.runs, allRuns, tables.curves, List.copyOf(notes));
  }

  /** {@code runs} and {@code curves} read on the driver into local tables. */
  private static StoreTables onDriver(SparkSession spark, List<ResultStore> stores, Dataset<Row> allRuns) {
    Map<String, Row> runs = new LinkedHashMap<>();
    Map<List<Object>, Row> curves = new LinkedHashMap<>();
    int columns = ResultSchema.RUNS.fields().length;
    for (ResultStore store : stores) {
      List<Row> latest = store.latestRunRows();
      for (Row row : latest) {
        Object[] values = new Object[columns]; // without the file column latestRunRows adds
        for (int i = 0; i < columns; i++) {
          values[i] = row.get(i);
        }
        runs.putIfAbsent(row.getAs("run_id"), RowFactory.create(values));
      }
      List<Row> epochs = store.hasCurves() ? store.curveRows() : fromLossCurves(latest);
      epochs.forEach(row -> curves.putIfAbsent(List.of(row.get(0), row.get(1)), row));
    }
    return new StoreTables(spark.createDataFrame(new ArrayList<>(runs.values()), ResultSchema.RUNS), allRuns,
        spark.createDataFrame(new ArrayList<>(curves.values()), ResultSchema.CURVES), List.of());
  }

  /** Rows of {@code curves} from the {@code loss_curve} of each run (a store written before curves/). */
  private static List<Row> fromLossCurves(List<Row> runs) {
    List<Row> rows = new ArrayList<>();
    for (Row run : runs) {
      if (run.getAs("loss_curve") != null) {
        List<Object> losses = run.getList(run.fieldIndex("loss_curve"));
        for (int e = 0; e < losses.size(); e++) {
          rows.add(RowFactory.create(run.getAs("run_id"), e + 1, losses.get(e), null, null));
        }
      }
    }
    return rows;
  }

  /** {@code runs} and {@code curves} as Spark reads them: a window per run id, a shuffle for duplicates. */
  private static StoreTables bySpark(SparkSession spark, List<ResultStore> stores, Dataset<Row> allRuns) {
    Dataset<Row> runs = spark.createDataFrame(List.of(), ResultSchema.RUNS).withColumn(STORE, lit(0));
    Dataset<Row> curves = spark.createDataFrame(List.of(), ResultSchema.CURVES);
    for (int i = 0; i < stores.size(); i++) {
      ResultStore store = stores.get(i);
      Dataset<Row> r = store.latestRuns();
      runs = runs.unionByName(r.withColumn(STORE, lit(i)));
      if (store.hasCurves()) {
        curves = curves.unionByName(store.curves());
      } else {
        curves = curves.unionByName(r.select(col("run_id"), posexplode(col("loss_curve")))
            .select(col("run_id"), col("pos").plus(1).as("epoch"), col("col").as("loss"),
                lit(null).cast("double").as("grad_norm"), lit(null).cast("double").as("test_accuracy")));
      }
    }
    Dataset<Row> first = runs
        .withColumn("rank", row_number().over(Window.partitionBy("run_id").orderBy(STORE)))
        .where(col("rank").equalTo(1)).drop("rank", STORE);
    return new StoreTables(first, allRuns, curves.dropDuplicates("run_id", "epoch"), List.of());
  }

  /**
   * The newest row of every run of the stores in {@code dirs}, merged as by {@link #read} (a run held by
   * several stores from the first of them), read in one pass per store and merged on the driver without a
   * shuffle: what a report needs, which takes every run to the driver anyway.
   *
   * @param runs  one row per run, with the columns of {@link ResultSchema#RUNS}
   * @param notes what could not be read, as in {@link #read}
   */
  public record Latest(List<Row> runs, List<String> notes) {

    /**
     * Reads the stores in {@code dirs} on the driver, without a Spark session.
     *
     * @param conf where to find the file systems
     * @throws BadInputException when a folder does not exist or has no {@code runs/} folder
     */
    public static Latest read(Configuration conf, List<String> dirs) {
      check(dirs, conf);
      List<String> notes = new ArrayList<>();
      Map<String, Row> runs = new LinkedHashMap<>();
      for (String dir : dirs) {
        ResultStore store = ResultStore.at(StoreLocation.of(dir, conf));
        if (readable(store, dir, notes)) {
          store.latestRunRows().forEach(row -> runs.putIfAbsent(row.getAs("run_id"), row));
        }
      }
      return new Latest(List.copyOf(runs.values()), List.copyOf(notes));
    }
  }

  /** True when {@code store} holds runs; notes what it lacks (no runs yet, no curves/ folder) otherwise. */
  private static boolean readable(ResultStore store, String dir, List<String> notes) {
    if (!store.hasRuns()) {
      notes.add(dir + ": runs/ holds no Parquet files yet (no run has finished)");
      return false;
    }
    if (!store.hasCurves()) {
      notes.add(dir + ": no curves/ Parquet files; loss curves are taken from runs.loss_curve");
    }
    return true;
  }

  /** Registers {@code runs}, {@code all_runs} and {@code curves} as temporary views. */
  public void register() {
    runs.createOrReplaceTempView("runs");
    allRuns.createOrReplaceTempView("all_runs");
    curves.createOrReplaceTempView("curves");
  }

  /**
   * Checks that every folder in {@code dirs} is a result store (has a {@code runs/} folder), without Spark,
   * on {@link StoreLocation#hadoopSettings()}.
   *
   * @throws BadInputException naming the first folder that is not
   */
  public static void check(List<String> dirs) {
    check(dirs, StoreLocation.hadoopSettings());
  }

  /**
   * Checks that every folder in {@code dirs} is a result store (has a {@code runs/} folder), without Spark.
   *
   * @param conf where to find the file systems (Hadoop's defaults when started without Spark)
   * @throws BadInputException naming the first folder that is not
   */
  public static void check(List<String> dirs, Configuration conf) {
    if (dirs.isEmpty()) {
      throw new BadInputException(Problem.of("RESULTS_DIR",
          "no result folder given: expected the OUT folder of a sweep"));
    }
    for (String dir : dirs) {
      StoreLocation.of(dir, conf).checkReadable();
    }
  }
}
