package rnnlab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.report.Criterion;
import rnnlab.report.ReportPage;
import rnnlab.store.ResultSchema;
import rnnlab.store.ResultStore;
import rnnlab.sweep.SweepFile;

/**
 * A store written by rnnlab 0.1.0 (committed under {@code src/test/resources/stores/v0.1.0}, from
 * {@code v0.1.0.yaml}) stays readable, resumable and reportable: every later version must pass this test
 * unchanged.
 */
class OldStoreTest {

  static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void start(@TempDir Path tmp) {
    spark = Stores.spark(tmp);
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(OldStoreTest.class.getResource("/stores/" + name).toURI());
  }

  /** A copy of the old store to write to (the committed one is never changed). */
  Path copy() throws IOException, URISyntaxException {
    Path from = resource("v0.1.0");
    Path to = dir.resolve("v0.1.0");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    return to;
  }

  @Test
  void itsRowsReadBackTypedWithTheIdsThisVersionGivesTheirSpecs() throws Exception {
    List<Row> rows = ResultStore.reader(spark, resource("v0.1.0").toString()).runs().collectAsList();
    assertEquals(4, rows.size());
    for (Row row : rows) {
      ResultSchema.StoredResult stored = ResultSchema.read(row);
      assertEquals(row.<String>getAs("run_id"), stored.result().runId());
      assertEquals(1, stored.schemaVersion(), "written before schema_version existed");
      assertEquals("", stored.result().trace());
      assertEquals("v0.1.0", stored.sweep());
    }
  }

  @Test
  void aRerunOfItsSweepTrainsNothingAndItsReportIsWritten() throws Exception {
    Path store = copy();
    SweepJob.Summary summary = SweepJob.run(SweepFile.load(resource("v0.1.0.yaml"), 100),
        store.toString(), SweepJob.Context.of(SweepJobTest.QUIET).in(spark));
    assertEquals(0, summary.trained());
    assertEquals(4, summary.skipped());
    ReportPage.Written w = ReportJob.run(new ReportJob.Options(List.of(store.toString()),
        dir.resolve("report"), Criterion.DEFAULT, ReportJob.DEFAULT_GROUP_BY),
            new PrintWriter(new StringWriter()));
    String html = Files.readString(w.index());
    assertTrue(html.contains("4 runs: 2 ok, 2 diverged, 0 failed"), "state line");
  }
}
