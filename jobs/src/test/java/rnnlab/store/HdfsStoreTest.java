package rnnlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.cli.Main;

/**
 * Result stores on a real HDFS: an in-process {@link MiniDFSCluster} (one name node, one data node on
 * 127.0.0.1), started once for the class. Stores are named by full {@code hdfs://127.0.0.1:PORT/...} URIs, as
 * a user would type them.
 */
@Tag("cluster")
class HdfsStoreTest {

  /** Four tiny runs. */
  static final String FOUR = """
      name: four
      fixed: {samples: 16, length: 5, test_samples: 8, epochs: 2, hidden: 3}
      grid:
        window: [2, 3]
      seeds: [0, 1]
      """;

  @TempDir
  static java.nio.file.Path local;

  static MiniDFSCluster hdfs;
  static FileSystem fs;
  static String uri;
  static SparkSession spark;

  @BeforeAll
  static void start() throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, local.resolve("hdfs").toString());
    conf.setInt("dfs.replication", 1);
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
    hdfs.waitActive();
    fs = hdfs.getFileSystem();
    uri = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
    spark = SparkSession.builder().master("local[2]").appName("HdfsStoreTest")
        .config("spark.ui.enabled", false).config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", 2)
        .config("spark.hadoop.dfs.replication", 1).getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.close();
    hdfs.shutdown();
  }

  /** Runs the command line with System.out and System.err captured: {exit code, stdout, stderr}. */
  static String[] cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    StringWriter w = new StringWriter();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Main.run(new PrintWriter(w, true), new PrintWriter(e, true, StandardCharsets.UTF_8), args);
      return new String[] {String.valueOf(code), o.toString(StandardCharsets.UTF_8) + w,
          e.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void sweepRerunReportAndQueryWorkOnAnHdfsStore() throws IOException {
    java.nio.file.Path file = Files.writeString(local.resolve("four.yaml"), FOUR);
    String store = uri + "/rnnlab/four";
    String[] first = cli("sweep", file.toString(), "--out", store);
    assertEquals("0", first[0], first[2]);
    assertTrue(first[1].contains("4 runs: 4 trained now"), first[1]);
    assertTrue(fs.exists(new Path("/rnnlab/four/runs")), "the store is on HDFS");
    assertFalse(fs.exists(new Path("/rnnlab/four/" + StoreLock.NAME)), "lock released");

    String[] rerun = cli("sweep", file.toString(), "--out", store);
    assertEquals("0", rerun[0], rerun[2]);
    assertTrue(rerun[1].contains("0 trained now") && rerun[1].contains("4 stored before"), rerun[1]);

    java.nio.file.Path page = local.resolve("page");
    String[] report = cli("report", store, "--out", page.toString());
    assertEquals("0", report[0], report[2]);
    assertTrue(Files.readString(page.resolve("index.html")).contains("4 runs: 4 ok"));

    String[] query = cli("query", store, "SELECT count(*) AS n, count(DISTINCT run_id) AS ids FROM runs");
    assertEquals("0", query[0], query[2]);
    assertTrue(query[1].replaceAll(" +", " ").contains("4 4"), query[1]);

    Row stored = ResultStore.reader(spark, store).runs().first();
    java.nio.file.Path weights = local.resolve("exported");
    String[] export = cli("export", stored.getAs("run_id"), "--from", store, "--out", weights.toString());
    assertEquals("0", export[0], export[2]);
    rnnlab.spec.Weights want = ResultSchema.read(stored).result().weights();
    assertEquals(want, rnnlab.npy.WeightFiles.read(weights, want), "the stored weights, read from HDFS");

    String[] missing = cli("report", uri + "/rnnlab/none");
    assertEquals(String.valueOf(Main.BAD_INPUT), missing[0]);
    assertTrue(missing[2].contains(uri + "/rnnlab/none is not a result store: no such folder"), missing[2]);
  }

  @Test
  void oneWriterAtATimeOnHdfs() throws IOException {
    Path root = new Path(uri + "/locks/one");
    fs.mkdirs(root);
    StoreLockTest.assertOneWriterAtATime(fs, root);
    Path stale = new Path(uri + "/locks/stale");
    fs.mkdirs(stale);
    StoreLockTest.assertStaleLockIsTakenOver(fs, stale);
  }

  @Test
  void aKilledWritersStagingOnHdfsIsRemovedAndItsRunsAreTrained() throws IOException {
    java.nio.file.Path file = Files.writeString(local.resolve("killed.yaml"), FOUR.replace("four", "killed"));
    Path root = new Path("/rnnlab/killed");
    fs.mkdirs(new Path(root, "_staging/dead00000000/batch-1-cafe/runs"));
    try (var out = fs.create(new Path(root, "_staging/dead00000000/batch-1-cafe/runs/part-0.parquet"))) {
      out.write("half a file".getBytes(StandardCharsets.UTF_8));
    }
    fs.mkdirs(new Path(root, "curves"));
    try (var out = fs.create(new Path(root, "curves/batch-1-cafe.parquet"))) {
      out.write("a curves file whose runs file never arrived".getBytes(StandardCharsets.UTF_8));
    }
    StoreLockTest.plantLock(fs, root, StoreLock.Holder.me().host(), deadPid(), 0);

    String[] sweep = cli("sweep", file.toString(), "--out", uri + root);
    assertEquals("0", sweep[0], sweep[2]);
    assertTrue(sweep[2].contains("taking over the lock") && sweep[2].contains("its process has ended"),
        sweep[2]);
    assertTrue(sweep[1].contains("4 trained now"), sweep[1]);
    assertFalse(fs.exists(new Path(root, "_staging")));
    assertFalse(fs.exists(new Path(root, "curves/batch-1-cafe.parquet")));
    assertEquals(4, ResultStore.reader(spark, uri + root).runs().count());
  }

  @Test
  void dataAndInitialWeightsAreReadFromHdfs() throws IOException {
    java.nio.file.Path data = local.resolve("data");
    rnnlab.npy.NpyData.write(data, rnnlab.task.ParityTask.generate(24, 6, 6, 2,
        new java.util.SplittableRandom(4)));
    rnnlab.spec.RunSpec small = rnnlab.spec.RunSpec.of(java.util.Map.of("samples", 24, "length", 6,
        "test_samples", 8, "epochs", 2, "hidden", 3, "window", 2));
    java.nio.file.Path weights = local.resolve("weights");
    rnnlab.npy.WeightFiles.write(weights,
        rnnlab.train.Trainer.train(small.with("seed", 5), rnnlab.spec.ProgressListener.NONE).weights());
    fs.copyFromLocalFile(new Path(data.toUri()), new Path("/inputs/data"));
    fs.copyFromLocalFile(new Path(weights.toUri()), new Path("/inputs/weights"));
    java.nio.file.Path file = Files.writeString(local.resolve("hdfs-data.yaml"), """
        name: hdfs-data
        fixed: {samples: 24, length: 6, test_samples: 8, epochs: 2, hidden: 3, window: 2,
                data: "%s/inputs/data", init_weights: "%s/inputs/weights"}
        """.formatted(uri, uri));
    String store = uri + "/rnnlab/hdfs-data";
    String[] sweep = cli("sweep", file.toString(), "--out", store);
    assertEquals("0", sweep[0], sweep[2]);
    var row = ResultStore.reader(spark, store).runs().collectAsList().get(0);
    rnnlab.train.RunResult expected = rnnlab.train.Trainer.run(small.with(java.util.Map.of("data",
        data.toString(), "init_weights", weights.toString())));
    assertEquals(expected.runId(), row.<String>getAs("run_id"), "same arrays, same id, wherever they lie");
    assertEquals("ok", row.getAs("state"), row.<String>getAs("message"));
    assertEquals(expected.finalLoss(), (double) row.getAs("final_loss"));
    assertTrue(row.<String>getAs("data").startsWith(uri + "/inputs/data@sha256:"), row.<String>getAs("data"));
  }

  /**
   * {@code ./submit.sh export} and {@code report} as processes (plain Java, no Spark session) take Hadoop's
   * settings from {@code --conf spark.hadoop.*}: a store named by a path alone is found on the HDFS that
   * {@code spark.hadoop.fs.defaultFS} names, and not found without it.
   */
  @Test
  void exportAndReportProcessesTakeHadoopSettingsFromConf() throws Exception {
    java.nio.file.Path file = Files.writeString(local.resolve("four-conf.yaml"), FOUR);
    String[] sweep = cli("sweep", file.toString(), "--out", uri + "/rnnlab/by-conf");
    assertEquals("0", sweep[0], sweep[2]);
    Row stored = ResultStore.reader(spark, uri + "/rnnlab/by-conf").runs().first();
    String runId = stored.getAs("run_id");
    String defaultFs = "spark.hadoop.fs.defaultFS=" + uri;

    java.nio.file.Path weights = local.resolve("by-conf-weights");
    String[] export = submit("export", runId, "--from", "/rnnlab/by-conf", "--out", weights.toString(),
        "--conf", defaultFs);
    assertEquals("0", export[0], export[2]);
    rnnlab.spec.Weights want = ResultSchema.read(stored).result().weights();
    assertEquals(want, rnnlab.npy.WeightFiles.read(weights, want), "the stored weights, read from HDFS");

    java.nio.file.Path page = local.resolve("by-conf-page");
    String[] report = submit("report", "/rnnlab/by-conf", "--out", page.toString(), "--conf", defaultFs);
    assertEquals("0", report[0], report[2]);
    assertTrue(Files.readString(page.resolve("index.html")).contains("4 runs: 4 ok"));

    String[] without = submit("export", runId, "--from", "/rnnlab/by-conf", "--out",
        local.resolve("nowhere").toString());
    assertEquals(String.valueOf(Main.BAD_INPUT), without[0], "on the local disk there is no such store");
    assertTrue(without[2].contains("/rnnlab/by-conf is not a result store"), without[2]);
  }

  /** {@code ./submit.sh ARGS} as a process from the project's root: {exit code, stdout, stderr}. */
  static String[] submit(String... args) throws IOException, InterruptedException {
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("./submit.sh"));
    cmd.addAll(java.util.List.of(args));
    java.nio.file.Path out = Files.createTempFile(local, "out", ".txt");
    java.nio.file.Path err = Files.createTempFile(local, "err", ".txt");
    Process p = new ProcessBuilder(cmd).directory(java.nio.file.Path.of("..").toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.MINUTES), "./submit.sh did not end");
    return new String[] {String.valueOf(p.exitValue()), Files.readString(out), Files.readString(err)};
  }

  /** The pid of a process that has ended. */
  static long deadPid() throws IOException {
    Process p = new ProcessBuilder("true").start();
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return p.pid();
  }
}
