package rnnlab.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;
import rnnlab.store.ResultSchema;
import rnnlab.store.ResultStore;

/**
 * The {@code runs} and {@code curves} tables of one or more result stores, merged: read through
 * {@link ResultStore#reader} (the committed batches, with the schemas of {@link ResultSchema}), deduplicated
 * by run id (the same spec has the same id and the same numbers in every store).
 *
 * @param runs   one row per run
 * @param curves one row per run and epoch
 * @param notes  what could not be read, in words (a store without {@code curves/}, one with no runs yet)
 */
public record StoreTables(Dataset<Row> runs, Dataset<Row> curves, List<String> notes) {

  /** Column that remembers which store a run was read from, while merging. */
  private static final String STORE = "store_index";

  /**
   * Reads the stores in {@code dirs}. A run held by several stores is kept once, from the first of them
   * (its numbers are the same; its sweep name is the first store's).
   *
   * @throws BadInputException when a folder does not exist or has no {@code runs/} folder
   */
  public static StoreTables read(SparkSession spark, List<Path> dirs) {
    check(dirs);
    List<String> notes = new ArrayList<>();
    Dataset<Row> runs = spark.createDataFrame(List.of(), ResultSchema.RUNS).withColumn(STORE, lit(0));
    Dataset<Row> curves = spark.createDataFrame(List.of(), ResultSchema.CURVES);
    for (int i = 0; i < dirs.size(); i++) {
      Path dir = dirs.get(i);
      ResultStore store = ResultStore.reader(spark, dir.toString());
      if (!store.hasRuns()) {
        notes.add(dir + ": runs/ holds no Parquet files yet (no run has finished)");
        continue;
      }
      Dataset<Row> r = store.runs();
      runs = runs.unionByName(r.withColumn(STORE, lit(i)));
      if (store.hasCurves()) {
        curves = curves.unionByName(store.curves());
      } else {
        notes.add(dir + ": no curves/ Parquet files; loss curves are taken from runs.loss_curve");
        curves = curves.unionByName(r.select(col("run_id"), posexplode(col("loss_curve")))
            .select(col("run_id"), col("pos").plus(1).as("epoch"), col("col").as("loss"),
                lit(null).cast("double").as("grad_norm"), lit(null).cast("double").as("test_accuracy")));
      }
    }
    Dataset<Row> first = runs
        .withColumn("rank", row_number().over(Window.partitionBy("run_id").orderBy(STORE)))
        .where(col("rank").equalTo(1)).drop("rank", STORE);
    return new StoreTables(first, curves.dropDuplicates("run_id", "epoch"), List.copyOf(notes));
  }

  /** Registers {@code runs} and {@code curves} as temporary views. */
  public void register() {
    runs.createOrReplaceTempView("runs");
    curves.createOrReplaceTempView("curves");
  }

  /**
   * Checks that every folder in {@code dirs} is a result store (has a {@code runs/} folder), without Spark.
   *
   * @throws BadInputException naming the first folder that is not
   */
  public static void check(List<Path> dirs) {
    if (dirs.isEmpty()) {
      throw new BadInputException(Problem.of("RESULTS_DIR",
          "no result folder given: expected the OUT folder of a sweep"));
    }
    dirs.forEach(StoreTables::check);
  }

  private static void check(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BadInputException(Problem.of("", dir + " is not a result store: no such folder"
          + " (expected the OUT folder of ./submit.sh sweep, holding runs/ and curves/)"));
    }
    if (!Files.isDirectory(dir.resolve("runs"))) {
      throw new BadInputException(Problem.of("", dir + " is not a result store: it has no runs/ folder"
          + " (expected the OUT folder of ./submit.sh sweep, holding runs/ and curves/)"));
    }
  }
}
