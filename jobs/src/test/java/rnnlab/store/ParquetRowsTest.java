package rnnlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.spec.RunSpec;
import rnnlab.train.RunResult;
import rnnlab.train.Trainer;

/**
 * A file of {@link ParquetRows} reads back in Spark exactly as the same rows written by Spark itself, and
 * {@link ParquetRows#read} reads both files as Spark does.
 */
class ParquetRowsTest {

  static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder().master("local[1]").appName("ParquetRowsTest")
        .config("spark.ui.enabled", false).config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.close();
  }

  /** Writes {@code rows} both ways and asserts that Spark reads the same rows and types back. */
  void assertSameAsSpark(List<Row> rows, StructType schema, String name) throws IOException {
    String ours = dir.resolve(name + "-ours.parquet").toString();
    String theirs = dir.resolve(name + "-spark").toString();
    ParquetRows.write(new Configuration(), new org.apache.hadoop.fs.Path(ours), schema, rows);
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(theirs);
    List<Row> read = spark.read().schema(schema).parquet(ours).collectAsList();
    List<Row> expected = spark.read().schema(schema).parquet(theirs).collectAsList();
    assertEquals(expected.size(), read.size());
    for (int i = 0; i < read.size(); i++) {
      assertEquals(expected.get(i), read.get(i), "row " + i);
    }
    for (String file : List.of(ours, sparkFile(theirs))) { // and our reader reads both as Spark does
      List<Row> ownRead = ParquetRows.read(new Configuration(), new org.apache.hadoop.fs.Path(file), schema,
          "_file");
      assertEquals(expected.size(), ownRead.size());
      for (int i = 0; i < ownRead.size(); i++) {
        for (int c = 0; c < schema.size(); c++) {
          assertEquals(expected.get(i).get(c), ownRead.get(i).get(c),
              schema.fields()[c].name() + " of row " + i + " in " + file);
        }
      }
    }
    // from the files alone, as a reader without our schema (DuckDB, pandas) sees them
    assertEquals(spark.read().parquet(theirs).schema(), spark.read().parquet(ours).schema());
  }

  /** The one Parquet file Spark wrote under {@code dir}. */
  static String sparkFile(String dir) throws IOException {
    try (var files = java.nio.file.Files.list(Path.of(dir))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow()
          .toString();
    }
  }

  @Test
  void runsRowsOfATrainedAndAFailedRunReadBackAsSparkWroteThem() throws IOException {
    RunSpec spec = RunSpec.of(Map.of("epochs", 2, "samples", 16, "length", 5));
    RunResult ok = Trainer.run(spec);
    RunResult failed = RunResult.failed(spec.with(Map.of("seed", 7L)), new IllegalStateException("boom"));
    assertSameAsSpark(List.of(ResultSchema.runRow("s", ok), ResultSchema.runRow("s", failed)),
        ResultSchema.RUNS, "runs");
  }

  @Test
  void curvesRowsWithNullsReadBackAsSparkWroteThem() throws IOException {
    RunResult ok = Trainer.run(RunSpec.of(Map.of("epochs", 3, "samples", 16, "length", 5)));
    List<Row> rows = new ArrayList<>(ResultSchema.curveRows(ok));
    assertNull(rows.get(0).get(4), "a curve's test accuracy is null before its last epoch");
    assertSameAsSpark(rows, ResultSchema.CURVES, "curves");
  }
}
