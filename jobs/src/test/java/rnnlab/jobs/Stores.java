package rnnlab.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import rnnlab.store.ResultSchema;
import rnnlab.train.RunResult;

/** Test stores: a local Spark session and results written as Parquet the way the store lays them out. */
final class Stores {

  private Stores() {}

  /** A local session on loopback, UI off, two threads, its warehouse in {@code tmp}. */
  static SparkSession spark(Path tmp) {
    return SparkSession.builder().master("local[2]").appName("rnnlab test")
        .config("spark.sql.warehouse.dir", tmp.resolve("warehouse").toString())
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }

  /** Writes {@code results} of {@code sweep} into store {@code dir} as batch folder {@code batch}. */
  static void write(SparkSession spark, Path dir, String sweep, String batch, List<RunResult> results) {
    List<Row> runs = new ArrayList<>();
    List<Row> curves = new ArrayList<>();
    for (RunResult r : results) {
      runs.add(ResultSchema.runRow(sweep, r));
      curves.addAll(ResultSchema.curveRows(r));
    }
    spark.createDataFrame(runs, ResultSchema.RUNS).coalesce(1).write()
        .parquet(dir.resolve("runs").resolve(batch).toString());
    spark.createDataFrame(curves, ResultSchema.CURVES).coalesce(1).write()
        .parquet(dir.resolve("curves").resolve(batch).toString());
  }
}
