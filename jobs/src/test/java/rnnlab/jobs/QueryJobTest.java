package rnnlab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code query} over a store written by a real sweep: the driver-read and Spark-read tables agree, the
 * default projection, the formats, DuckDB's reading of the same files (docs/query.md), and the command with
 * its session run as processes through {@code ./submit.sh}.
 */
class QueryJobTest {

  @TempDir
  static Path dir;
  static SparkSession spark;
  static Path store;

  @BeforeAll
  static void sweep() throws IOException {
    spark = Stores.spark(dir);
    store = dir.resolve("store");
    SweepJob.run(Stores.sweep(dir, "name: q\nfixed: {engine: numeric, hidden: 4, samples: 20,"
        + " test_samples: 10, length: 6, epochs: 3}\ngrid: {cell: [rnn, lstm], window: [2, 3]}\n"),
        store.toString(), SweepJob.Context.of(SweepJobTest.QUIET).in(spark).batchSize(2));
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  private static List<String> sorted(Dataset<Row> rows) {
    List<String> text = new ArrayList<>();
    rows.collectAsList().forEach(r -> text.add(r.toString()));
    text.sort(null);
    return text;
  }

  @Test
  void driverAndSparkReadTheSameTables() {
    List<String> twice = List.of(store.toString(), store.toString());
    StoreTables onDriver = StoreTables.read(spark, twice, Long.MAX_VALUE);
    StoreTables bySpark = StoreTables.read(spark, twice, 0);
    assertEquals(4, onDriver.runs().count());
    assertEquals(sorted(bySpark.runs()), sorted(onDriver.runs()));
    assertEquals(12, onDriver.curves().count());
    assertEquals(sorted(bySpark.curves()), sorted(onDriver.curves()));
  }

  @Test
  void selectStarLeavesOutTheArraysUnlessNamed() {
    QueryJob.Answer all = QueryJob.run(spark, List.of(store.toString()), "SELECT * FROM runs", 0);
    assertEquals(List.of("loss_curve", "grad_norm_curve", "probe_outputs", "final_weights"), all.hidden(),
        "the columns of " + QueryJob.HIDDEN + " in the table's order");
    assertFalse(all.shown().header().contains("final_weights"), all.shown().header().toString());
    assertTrue(all.shown().header().contains("test_accuracy"));
    assertTrue(all.render(QueryJob.Format.TABLE).contains("(4 rows; not shown: loss_curve, grad_norm_curve,"),
        all.render(QueryJob.Format.TABLE));
    QueryJob.Answer named = QueryJob.run(spark, List.of(store.toString()),
        "SELECT run_id, FINAL_WEIGHTS FROM runs", 0);
    assertEquals(List.of("run_id", "FINAL_WEIGHTS"), named.shown().header(), "named in any case");
    assertTrue(named.shown().rows().get(0).get(1).startsWith("[{"), named.shown().rows().get(0).get(1));
  }

  @Test
  void formatsWriteNumbersInFullExceptForReading() throws IOException {
    String sql = "SELECT run_id, epoch, loss FROM curves ORDER BY run_id, epoch";
    QueryJob.Answer answer = QueryJob.run(spark, List.of(store.toString()), sql, 0);
    double loss = spark.sql(sql).first().getDouble(2);
    assertTrue(answer.render(QueryJob.Format.CSV).startsWith("run_id,epoch,loss\r\n"));
    assertTrue(answer.render(QueryJob.Format.CSV).contains("," + loss + "\r\n"));
    JsonNode json = new ObjectMapper().readTree(answer.render(QueryJob.Format.JSON));
    assertEquals(12, json.size());
    assertEquals(1, json.get(0).get("epoch").intValue());
    assertEquals(loss, json.get(0).get("loss").doubleValue());
    assertTrue(answer.render(QueryJob.Format.MARKDOWN).startsWith("| run_id | epoch | loss |\n| --- |"));
  }

  /** The DuckDB lines of docs/query.md, over the same files: the same runs and the same loss curve. */
  @Test
  void duckDbReadsTheStoreAsQueryDoes() throws SQLException {
    String runs = "SELECT * FROM read_parquet('" + store + "/runs/*.parquet', filename = true)"
        + " QUALIFY row_number() OVER (PARTITION BY run_id ORDER BY start_time DESC, filename DESC) = 1";
    String curve = "SELECT epoch, loss FROM read_parquet('" + store + "/curves/*.parquet')"
        + " WHERE run_id = '%s' ORDER BY epoch";
    QueryJob.Answer ours = QueryJob.run(spark, List.of(store.toString()),
        "SELECT run_id, epoch, loss FROM curves WHERE run_id = (SELECT min(run_id) FROM runs) ORDER BY epoch",
        0);
    String runId = ours.exact().rows().get(0).get(0);
    List<String> theirs = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duck.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT count(*) FROM (" + runs + ")")) {
        r.next();
        assertEquals(4, r.getLong(1));
      }
      try (ResultSet r = s.executeQuery(String.format(curve, runId))) {
        while (r.next()) {
          theirs.add(r.getInt(1) + "," + r.getDouble(2));
        }
      }
    }
    List<String> expected = new ArrayList<>();
    ours.exact().rows().forEach(row -> expected.add(row.get(1) + "," + row.get(2)));
    assertEquals(3, expected.size());
    assertEquals(expected, theirs);
  }

  /** {@code ./submit.sh query ARGS} from the repository root, {@code input} on its standard input. */
  private static String[] submit(String input, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("./submit.sh", "query"));
    cmd.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Path in = dir.resolve("in.txt");
    Files.writeString(in, input);
    Process p = new ProcessBuilder(cmd).directory(Path.of("..").toFile()).redirectInput(in.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(15, TimeUnit.MINUTES), "query did not end");
    return new String[] {String.valueOf(p.exitValue()), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8)};
  }

  @Test
  void commandAndSessionAsProcesses() throws Exception {
    String[] session = submit(".tables\n.schema curves\nSELECT count(*) AS n\n  FROM runs;\n"
        + "SELECT nope FROM runs;\n.format json\nSELECT epoch FROM curves ORDER BY run_id, epoch LIMIT 2;\n"
        + ".csv " + dir.resolve("s.csv") + "\n.format nope\n.quit\nSELECT 1;\n", store.toString());
    assertEquals("2", session[0], "a piped session with a failed command exits 2\n" + session[2]);
    assertTrue(session[1].startsWith("runs  all_runs  curves\ncurves         type\n"), session[1]);
    assertTrue(session[1].contains("epoch          int\n"), session[1]);
    assertTrue(session[1].contains("\n4\n(1 rows)\n"), session[1]);
    assertTrue(session[1].contains("[\n{\"epoch\":1},\n{\"epoch\":2}\n]\n"), session[1]);
    assertTrue(session[1].contains("wrote 2 rows to " + dir.resolve("s.csv")), session[1]);
    assertFalse(session[1].contains("\"1\":1"), "nothing runs after .quit: " + session[1]);
    assertTrue(session[2].contains("error: SQL: [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function"
        + " parameter with name `nope` cannot be resolved"), session[2]);
    assertFalse(session[2].contains("LocalRelation"), "no plan in the message: " + session[2]);
    assertTrue(session[2].contains("error: .format: expected table, csv, json or markdown, got 'nope'"),
        session[2]);
    assertEquals(List.of("epoch", "1", "2"), Files.readAllLines(dir.resolve("s.csv")));

    String[] markdown = submit("", store.toString(), "SELECT cell, count(*) AS n FROM runs GROUP BY cell"
        + " ORDER BY cell", "--format", "markdown", "--conf", "spark.sql.shuffle.partitions=1");
    assertEquals("0", markdown[0], markdown[2]);
    assertEquals("| cell | n |\n| --- | --- |\n| lstm | 2 |\n| rnn | 2 |\n", markdown[1]);

    String[] bad = submit("", store.toString(), "SELECT nope FROM runs");
    assertEquals("2", bad[0], bad[2]);
    assertTrue(bad[2].startsWith("error: SQL: [UNRESOLVED_COLUMN"), bad[2]);
    assertEquals("", bad[1]);
  }
}
