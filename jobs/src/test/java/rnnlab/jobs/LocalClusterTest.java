package rnnlab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.distributed.DistributedTrainer;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.store.ResultStore;
import rnnlab.sweep.Sweep;
import rnnlab.sweep.SweepFile;
import rnnlab.train.RunResult;
import rnnlab.train.Trainer;

/**
 * The sweep of {@link SweepJobTest} on a real standalone cluster of two workers on 127.0.0.1, into a local
 * store and then into a store on an in-process HDFS with one executor JVM killed mid-sweep; the ASHA and TPE
 * sweeps of {@link SearchJobTest}; then one run trained data-parallel over both workers.
 */
@Tag("cluster")
class LocalClusterTest {

  @TempDir
  Path dir;

  @Test
  void aSweepOnTwoWorkersStoresWhatLocalModeStores() throws Exception {
    Path file = dir.resolve("twelve.yaml");
    Files.writeString(file, SweepJobTest.TWELVE);
    Sweep sweep = SweepFile.load(file, SweepFile.DEFAULT_MAX_RUNS);
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    conf.setInt("dfs.replication", 1);
    try (MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
        LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2, 1, "1g")) {
      assertTrue(cluster.masterUrl().startsWith("spark://127.0.0.1:"));
      assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
          Files.getPosixFilePermissions(cluster.dir().resolve("secret.conf")));
      assertTrue(LocalCluster.running(cluster.dir()));
      assertThrows(IllegalStateException.class, () -> LocalCluster.start(cluster.dir(), 1, 1, "1g"));

      SparkSession spark = SparkSession.builder().master(cluster.masterUrl()).appName("LocalClusterTest")
          .config("spark.ui.enabled", false)
          .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.authenticate", true).config("spark.authenticate.secret", cluster.secret())
          .config("spark.executor.memory", "512m")
          .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
          .config("spark.executorEnv.OMP_NUM_THREADS", "1").config("spark.hadoop.dfs.replication", 1)
          .getOrCreate();
      try (spark) {
        String out = dir.resolve("out").toString();
        SweepJob.Summary summary = SweepJob.run(sweep, out,
            SweepJob.Context.of(SweepJobTest.QUIET).in(spark));
        assertEquals(12, summary.ok());
        assertEquals(2, spark.sparkContext().statusTracker().getExecutorInfos().length - 1,
            "two executors besides the driver");
        Map<String, Row> rows = SweepJobTest.runsById(ResultStore.reader(spark, out));
        assertEquals(12, rows.size());
        for (RunSpec spec : sweep.runs()) {
          SweepJobTest.assertRowHolds(Trainer.run(spec), rows.get(spec.id()));
        }

        // the same sweep into a store on HDFS, one executor JVM killed (SIGKILL) after the first batch
        hdfs.waitActive();
        String onHdfs = "hdfs://127.0.0.1:" + hdfs.getNameNodePort() + "/rnnlab/twelve";
        CompletableFuture<Boolean> killed = CompletableFuture.supplyAsync(
            () -> killOneExecutor(hdfs, spark.sparkContext().applicationId()));
        SweepJob.Summary again = SweepJob.run(sweep, onHdfs,
            SweepJob.Context.of(SweepJobTest.QUIET).in(spark).batchSize(3));
        assertTrue(killed.get(), "an executor was killed mid-sweep");
        assertEquals(12, again.ok());
        Map<String, Row> fromHdfs = SweepJobTest.runsById(ResultStore.reader(spark, onHdfs));
        assertEquals(12, fromHdfs.size());
        for (RunSpec spec : sweep.runs()) {
          SweepJobTest.assertRowHolds(Trainer.run(spec), fromHdfs.get(spec.id()));
        }

        // early stopping and TPE on the cluster: the same rows as local mode, the same proposals
        Path ashaFile = Files.writeString(dir.resolve("asha.yaml"), SearchJobTest.ASHA);
        Sweep asha = SweepFile.load(ashaFile, SweepFile.DEFAULT_MAX_RUNS);
        SearchJob.run(spark, asha, dir.resolve("asha").toString(), SweepJobTest.QUIET);
        SearchJobTest.assertAshaStore(asha, ResultStore.reader(spark, dir.resolve("asha").toString()));
        Path tpeFile = Files.writeString(dir.resolve("tpe.yaml"), SearchJobTest.TPE);
        Sweep tpe = SweepFile.load(tpeFile, SweepFile.DEFAULT_MAX_RUNS);
        SearchJob.run(spark, tpe, dir.resolve("tpe").toString(), SweepJobTest.QUIET);
        assertEquals(SearchJobTest.proposalsWithoutSpark(tpe),
            SearchJobTest.proposals(spark, dir.resolve("tpe").toString()));

        // one run data-parallel over both executors (engine dl4j-spark), learning window 2
        RunSpec big = RunSpec.of(Map.of("engine", "dl4j-spark", "mode", "minibatch", "window", 2, "hidden", 6,
            "samples", 320, "length", 6, "test_samples", 100, "epochs", 6, "optimizer", "adam", "lr", 0.05))
            .with("averaging_frequency", 5);
        RunResult d = DistributedTrainer.train(JavaSparkContext.fromSparkContext(spark.sparkContext()), big,
            0, ProgressListener.NONE);
        assertEquals(RunState.OK, d.state(), d.message());
        assertTrue(d.provenance().libraries().endsWith(", 2 workers"), d.provenance().libraries());
        assertTrue(d.testAccuracy() > 0.95, "data-parallel run learnt window 2: " + d.testAccuracy());
      }
    }
    assertFalse(LocalCluster.running(dir.resolve("cluster")));
  }

  /** Waits for the first batch stored on HDFS, then SIGKILLs one executor JVM of {@code app}. */
  private static boolean killOneExecutor(MiniDFSCluster hdfs, String app) {
    try {
      FileSystem fs = hdfs.getFileSystem();
      org.apache.hadoop.fs.Path runs = new org.apache.hadoop.fs.Path("/rnnlab/twelve/runs");
      long deadline = System.currentTimeMillis() + 120_000;
      while (System.currentTimeMillis() < deadline && (!fs.exists(runs) || fs.listStatus(runs).length < 1)) {
        Thread.sleep(50);
      }
      return ProcessHandle.allProcesses()
          .filter(h -> KillTest.commandLine(h).contains("CoarseGrainedExecutorBackend")
              && KillTest.commandLine(h).contains(app))
          .findFirst().map(ProcessHandle::destroyForcibly).orElse(false);
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
