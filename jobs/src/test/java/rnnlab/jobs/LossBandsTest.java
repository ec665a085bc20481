package rnnlab.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rnnlab.report.LossBand;
import rnnlab.report.StoredRun;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.train.Provenance;
import rnnlab.train.RunResult;

/** The report's loss bands, computed on the driver, against Spark SQL's percentile, min and max. */
class LossBandsTest {

  static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder().master("local[1]").appName("LossBandsTest")
        .config("spark.ui.enabled", false).config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.close();
  }

  @Test
  void bandsMatchSparkSqlOnCurvesWithGapsUnusableLossesAndEvenAndOddCounts() {
    SplittableRandom random = new SplittableRandom(12);
    double[] unusable = {Double.NaN, Double.POSITIVE_INFINITY, 0, -1};
    List<StoredRun> runs = new ArrayList<>();
    List<Row> curves = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String cell = i % 3 == 0 ? "lstm" : "rnn";
      int window = 2 + i % 4;
      double[] loss = new double[1 + random.nextInt(6)];
      for (int e = 0; e < loss.length; e++) {
        loss[e] = random.nextInt(5) == 0 ? unusable[random.nextInt(unusable.length)] : random.nextDouble();
        curves.add(RowFactory.create(cell, window, e + 1, loss[e]));
      }
      RunSpec spec = RunSpec.LAB.with(Map.of("cell", cell, "window", window, "seed", i));
      runs.add(StoredRun.of("s", new RunResult(spec, RunState.OK, "", loss, loss, 0, 0, 0, new double[0], 0,
          loss.length, 0, 0, Provenance.now(spec.engine()))));
    }
    StructType schema = new StructType().add("cell", DataTypes.StringType)
        .add("window", DataTypes.IntegerType).add("epoch", DataTypes.IntegerType)
        .add("loss", DataTypes.DoubleType);
    spark.createDataFrame(curves, schema).createOrReplaceTempView("curves");
    List<Row> expected = spark.sql("SELECT cell, window, epoch, percentile(loss, 0.5), min(loss), max(loss) "
        + "FROM curves WHERE loss > 0 AND loss < 1.7976931348623157E308 AND NOT isnan(loss) "
        + "GROUP BY cell, window, epoch ORDER BY cell, window, epoch").collectAsList();

    List<LossBand> bands = LossBand.of(List.of("cell", "window"), runs);
    int row = 0;
    for (LossBand band : bands) {
      for (int e = 0; e < band.epoch().length; e++) {
        Row r = expected.get(row++);
        assertEquals(List.of(r.getString(0), r.getInt(1)), band.group());
        assertEquals(r.getInt(2), (int) band.epoch()[e]);
        assertArrayEquals(new double[] {r.getDouble(3), r.getDouble(4), r.getDouble(5)},
            new double[] {band.median()[e], band.low()[e], band.high()[e]}, 1e-12, band.group() + " " + e);
      }
    }
    assertEquals(expected.size(), row, "every group and epoch of Spark's, no more");
  }
}
