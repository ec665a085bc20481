package rnnlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The newest-row rule on the driver gives the rows its Spark SQL form gives. */
class NewestRowTest {

  static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder().master("local[1]").appName("NewestRowTest")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.close();
  }

  @Test
  void theDriverAndSparkSqlPickTheSameRows() {
    StructType schema = new StructType().add("run_id", DataTypes.StringType)
        .add("start_time", DataTypes.TimestampType).add(NewestRow.FILE, DataTypes.StringType)
        .add("row", DataTypes.IntegerType);
    Random random = new Random(7);
    List<Row> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (rows.size() < 300) {
      String id = "run" + random.nextInt(40);
      int t = random.nextInt(4); // 0: no start time, as in a store of rnnlab 0.1.0
      Timestamp start = t == 0 ? null : new Timestamp(1_700_000_000_000L + t * 1000L);
      String file = "file:/store/runs/batch-" + (1_700_000_000_000L + random.nextInt(5)) + "-a.parquet";
      if (seen.add(id + start + file)) { // a run's rows differ in time or file, as in a store
        rows.add(new GenericRowWithSchema(new Object[] {id, start, file, rows.size()}, schema));
      }
    }
    Map<String, Integer> driver = new TreeMap<>();
    NewestRow.of(rows).forEach((id, row) -> driver.put(id, row.getInt(3)));
    Map<String, Integer> sql = new TreeMap<>();
    NewestRow.of(spark.createDataFrame(rows, schema)).collectAsList()
        .forEach(row -> sql.put(row.getString(0), row.getInt(3)));
    assertEquals(40, sql.size());
    assertEquals(sql, driver);
    assertTrue(rows.stream().anyMatch(r -> r.get(1) == null), "rows without a start time are exercised");
  }
}
