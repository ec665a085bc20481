package rnnlab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.store.ResultSchema;
import rnnlab.store.ResultStore;
import rnnlab.sweep.Sweep;

/**
 * {@code ./submit.sh sweep ... --master yarn} as a real process against a real YARN: an in-process
 * {@link MiniYARNCluster} (one resource manager, one node manager, on 127.0.0.1) beside a
 * {@link MiniDFSCluster} that holds the store, described to submit.sh by a yarn-site.xml and a core-site.xml
 * in a HADOOP_CONF_DIR, as a real cluster's are. One executor container's JVM is killed mid-sweep.
 */
@Tag("cluster")
class YarnClusterTest {

  /** Sixteen runs of a second or so each, stored one per batch so that the kill lands mid-sweep. */
  static final String SIXTEEN = """
      name: sixteen
      fixed: {samples: 100, length: 8, test_samples: 20, epochs: 6, hidden: 6}
      grid:
        window: [2, 3, 4, 5]
      seeds: [0, 1, 2, 3]
      """;

  @TempDir
  static Path dir;

  static MiniDFSCluster hdfs;
  static MiniYARNCluster yarn;
  static Path hadoopConf;
  static SparkSession spark;

  /** The YARN servers' Jersey logs every resource it binds at INFO through java.util.logging. */
  static final java.util.logging.Logger JERSEY =
      java.util.logging.Logger.getLogger("org.apache.hadoop.shaded.com.sun.jersey");

  @BeforeAll
  static void start() throws Exception {
    JERSEY.setLevel(java.util.logging.Level.WARNING);
    Configuration dfs = new Configuration();
    dfs.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    dfs.setInt("dfs.replication", 1);
    hdfs = new MiniDFSCluster.Builder(dfs).numDataNodes(1).format(true).build();
    hdfs.waitActive();

    YarnConfiguration conf = new YarnConfiguration();
    // the capacity scheduler's one queue, set by hand (no capacity-scheduler.xml on the classpath)
    conf.set("yarn.scheduler.capacity.root.queues", "default");
    conf.set("yarn.scheduler.capacity.root.default.capacity", "100");
    conf.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
    conf.set("yarn.scheduler.capacity.root.default.user-limit-factor", "1");
    conf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
    conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
    conf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
    conf.set("yarn.scheduler.capacity.node-locality-delay", "-1");
    // servers on loopback only; the node manager has 4 GiB (MiniYARNCluster's fixed figure): the application
    // master (896 MiB) and two executors of 1 GiB, then a third when one is killed
    conf.set("yarn.resourcemanager.bind-host", "127.0.0.1");
    conf.set("yarn.nodemanager.bind-host", "127.0.0.1");
    conf.set("yarn.scheduler.minimum-allocation-mb", "128");
    conf.set("yarn.nodemanager.resource.cpu-vcores", "4");
    conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100");
    // containers find Java as on a real node, where the cluster, not the user, provides it
    conf.set("yarn.nodemanager.admin-env", "JAVA_HOME=" + System.getProperty("java.home"));
    yarn = new MiniYARNCluster("YarnClusterTest", 1, 1, 1);
    yarn.init(conf);
    yarn.start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (yarn.getConfig().get(YarnConfiguration.RM_ADDRESS).endsWith(":0")) {
      assertTrue(System.currentTimeMillis() < deadline, "the resource manager got no port in a minute");
      Thread.sleep(100);
    }

    hadoopConf = Files.createDirectories(dir.resolve("hadoop-conf"));
    try (OutputStream out = Files.newOutputStream(hadoopConf.resolve("yarn-site.xml"))) {
      yarn.getConfig().writeXml(out);
    }
    Configuration core = new Configuration(false);
    core.set("fs.defaultFS", hdfsUri());
    core.set("dfs.replication", "1");
    try (OutputStream out = Files.newOutputStream(hadoopConf.resolve("core-site.xml"))) {
      core.writeXml(out);
    }
    spark = Stores.spark(dir);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.close();
    }
    if (yarn != null) {
      yarn.stop();
    }
    if (hdfs != null) {
      hdfs.shutdown();
    }
  }

  static String hdfsUri() {
    return "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
  }

  @Test
  void aSweepOnYarnStoresWhatLocalModeStoresThoughAContainerIsKilled() throws Exception {
    Sweep sweep = Stores.sweep(dir, SIXTEEN);
    Path file = dir.resolve("sixteen.yaml");
    Files.writeString(file, SIXTEEN);
    String local = dir.resolve("local").toString();
    assertEquals(16, SweepJob.run(sweep, local, SweepJob.Context.of(SweepJobTest.QUIET).in(spark)).ok());

    String store = hdfsUri() + "/rnnlab/sixteen";
    Path log = dir.resolve("yarn-sweep.log");
    Process submit = submit(log, "sweep", file.toString(), "--out", store, "--write-every", "1",
        "--master", "yarn", "--conf", "spark.executor.memory=512m",
        "--conf", "spark.executor.memoryOverhead=512m", "--conf", "spark.executor.cores=1");
    try {
      CompletableFuture<Long> killedAt = CompletableFuture.supplyAsync(() -> killOneExecutor(submit, log));
      assertTrue(submit.waitFor(10, TimeUnit.MINUTES),
          () -> "the sweep on YARN did not end in 10 min: " + KillTest.read(log));
      String output = KillTest.read(log);
      assertEquals(0, submit.exitValue(), output);
      assertTrue(killedAt.get() < 16, "an executor was killed mid-sweep, with runs left to do");
      assertTrue(output.contains("Lost executor"), "the driver saw its executor die: " + output);
      assertTrue(output.contains("16 runs: 16 trained now (16 ok"), output);
    } finally {
      submit.destroyForcibly();
    }

    Map<String, Row> onYarn = SweepJobTest.runsById(ResultStore.reader(spark, store));
    Map<String, Row> inLocalMode = SweepJobTest.runsById(ResultStore.reader(spark, local));
    assertEquals(inLocalMode.keySet(), onYarn.keySet(), "the same run ids, each stored once");
    for (Map.Entry<String, Row> run : inLocalMode.entrySet()) {
      SweepJobTest.assertRowHolds(ResultSchema.read(run.getValue()).result(), onYarn.get(run.getKey()));
    }
  }

  @Test
  void yarnWithoutTheClustersConfigurationIsRefused() throws Exception {
    Path log = dir.resolve("no-conf.log");
    ProcessBuilder pb = new ProcessBuilder(root().resolve("submit.sh").toString(), "sweep",
        "sweeps/quickstart.yaml", "--master", "yarn").directory(root().toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().remove("HADOOP_CONF_DIR");
    pb.environment().remove("YARN_CONF_DIR");
    Process p = pb.start();
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    assertEquals(2, p.exitValue(), KillTest.read(log));
    assertTrue(KillTest.read(log).contains("--master yarn: set HADOOP_CONF_DIR (or YARN_CONF_DIR)"),
        KillTest.read(log));
  }

  static Path root() {
    return Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
  }

  /** {@code ./submit.sh ARGS} from the repository root, for the cluster in {@link #hadoopConf}. */
  static Process submit(Path log, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(root().resolve("submit.sh").toString()));
    command.addAll(List.of(args));
    // the driver and the containers on loopback, as every server of the tests
    command.addAll(List.of("--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1",
        "--conf", "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1"));
    ProcessBuilder pb = new ProcessBuilder(command).directory(root().toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("HADOOP_CONF_DIR", hadoopConf.toString());
    // the node manager runs here: the jars of submit.sh's classpath are on its disk at the same paths
    pb.environment().put("RNNLAB_YARN_JARS", "local");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().remove("SPARK_HOME");
    return pb.start();
  }

  /**
   * Waits for the first batch stored on HDFS, then SIGKILLs one executor JVM (not the shell that launched
   * it) of this test's node manager; returns how many runs were stored when it died.
   */
  static long killOneExecutor(Process sweep, Path log) {
    try {
      FileSystem fs = hdfs.getFileSystem();
      org.apache.hadoop.fs.Path runs = new org.apache.hadoop.fs.Path("/rnnlab/sixteen/runs");
      long deadline = System.currentTimeMillis() + 600_000; // submit.sh may build the jar first
      while (batches(fs, runs) < 1) {
        assertTrue(sweep.isAlive() && System.currentTimeMillis() < deadline,
            () -> "no batch stored: " + KillTest.read(log));
        Thread.sleep(50);
      }
      String containers = yarn.getTestWorkDir().getAbsolutePath();
      ProcessHandle executor = ProcessHandle.allProcesses()
          .filter(h -> h.info().command().orElse("").endsWith("/java")
              && KillTest.commandLine(h).contains("YarnCoarseGrainedExecutorBackend")
              && KillTest.commandLine(h).contains(containers))
          .findFirst().orElseThrow(() -> new AssertionError("no executor JVM under " + containers));
      long stored = batches(fs, runs);
      assertTrue(executor.destroyForcibly(), "SIGKILL sent");
      return stored;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The committed batch files in {@code runs}: one run each with --write-every 1. */
  static long batches(FileSystem fs, org.apache.hadoop.fs.Path runs) throws IOException {
    if (!fs.exists(runs)) {
      return 0;
    }
    return java.util.Arrays.stream(fs.listStatus(runs))
        .filter(f -> f.getPath().getName().matches("batch-.*\\.parquet")).count();
  }
}
