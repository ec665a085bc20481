package rnnlab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.store.ResultStore;
import rnnlab.sweep.Sweep;
import rnnlab.sweep.SweepFile;
import rnnlab.spec.RunSpec;
import rnnlab.train.Trainer;

/**
 * The store survives real processes: a sweep's driver JVM killed with SIGKILL, and two sweep processes
 * writing to one store at once (LocalClusterTest kills an executor JVM of the loopback cluster). After each,
 * every run is stored exactly once
 * with the numbers an uninterrupted sweep gives.
 */
@Tag("cluster")
class KillTest {

  /** Twenty runs that take a few seconds in all, stored one per batch so a kill lands mid-sweep. */
  static final String TWENTY = """
      name: twenty
      fixed: {samples: 60, length: 8, test_samples: 20, epochs: 4, hidden: 6}
      grid:
        window: [2, 3, 4, 5]
      seeds: [0, 1, 2, 3, 4]
      """;

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

  /** {@code ./submit.sh sweep ARGS} as its own JVM in local[2], output to {@code log}. */
  static Process sweepProcess(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dorg.bytedeco")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-Xmx768m", "-Dspark.master=local[2]", "-Dspark.ui.enabled=false",
        "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1",
        "-Dspark.sql.shuffle.partitions=2", "-cp", System.getProperty("java.class.path"), "rnnlab.cli.Main",
        "sweep"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("OMP_NUM_THREADS", "1");
    return pb.start();
  }

  /** Waits until {@code store} holds at least {@code batches} committed runs files. */
  static void awaitBatches(Path store, int batches, Process alive, Path log) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    while (committed(store) < batches) {
      assertTrue(alive.isAlive(), () -> "the sweep ended early: " + read(log));
      assertTrue(System.currentTimeMillis() < deadline, () -> "no batch after 2 min: " + read(log));
      Thread.sleep(100);
    }
  }

  static long committed(Path store) throws IOException {
    Path runs = store.resolve("runs");
    if (!Files.isDirectory(runs)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(runs)) {
      return files.filter(f -> f.getFileName().toString().matches("batch-.*\\.parquet")).count();
    }
  }

  static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

  Sweep twenty() throws IOException {
    return SweepFile.load(yaml(), SweepFile.DEFAULT_MAX_RUNS);
  }

  Path yaml() throws IOException {
    Path file = dir.resolve("twenty.yaml");
    if (!Files.exists(file)) {
      Files.writeString(file, TWENTY);
    }
    return file;
  }

  /** Each run of {@code sweep} stored exactly once, with the numbers training it alone gives. */
  static void assertEachRunOnceWithItsNumbers(Sweep sweep, ResultStore store) {
    Map<String, Row> rows = SweepJobTest.runsById(store);
    assertEquals(sweep.runs().size(), rows.size());
    for (RunSpec spec : sweep.runs()) {
      SweepJobTest.assertRowHolds(Trainer.run(spec), rows.get(spec.id()));
    }
  }

  @Test
  void aDriverKilledMidSweepLosesNothingOnceRerun() throws Exception {
    Path out = dir.resolve("killed");
    Path log = dir.resolve("driver.log");
    Process driver = sweepProcess(log, yaml().toString(), "--out", out.toString(), "--write-every", "1");
    try {
      awaitBatches(out, 3, driver, log);
      assertTrue(driver.isAlive(), "killed mid-sweep");
      driver.destroyForcibly(); // SIGKILL
      driver.waitFor(30, TimeUnit.SECONDS);
    } finally {
      driver.destroyForcibly();
    }
    long before = committed(out);
    assertTrue(before < 20, "the kill left runs to do: " + before + " of 20 stored");

    java.io.StringWriter console = new java.io.StringWriter();
    SweepJob.Summary rerun = SweepJob.run(twenty(), out.toString(),
        SweepJob.Context.of(new java.io.PrintWriter(console, true)).in(spark));
    String notes = console.toString();
    assertEquals(20, rerun.trained() + rerun.skipped());
    assertTrue(rerun.skipped() >= 3, "the batches stored before the kill are kept");
    assertTrue(notes.contains("taking over the lock") && notes.contains("its process has ended"), notes);
    assertEachRunOnceWithItsNumbers(twenty(), ResultStore.reader(spark, out.toString()));
  }

  @Test
  void twoSweepProcessesIntoOneStoreStoreEachRunOnce() throws Exception {
    Path out = dir.resolve("two");
    Process a = sweepProcess(dir.resolve("a.log"), yaml().toString(), "--out", out.toString(), "--wait");
    Process b = sweepProcess(dir.resolve("b.log"), yaml().toString(), "--out", out.toString(), "--wait");
    try {
      assertTrue(a.waitFor(5, TimeUnit.MINUTES) && b.waitFor(5, TimeUnit.MINUTES), "both finished");
      assertEquals(0, a.exitValue(), read(dir.resolve("a.log")));
      assertEquals(0, b.exitValue(), read(dir.resolve("b.log")));
    } finally {
      a.destroyForcibly();
      b.destroyForcibly();
    }
    String logs = read(dir.resolve("a.log")) + read(dir.resolve("b.log"));
    assertTrue(logs.contains("waiting for the writer"), logs);
    assertTrue(logs.contains("20 trained now") && logs.contains("0 trained now"), logs);
    assertTrue(logs.contains("nothing to run, no Spark session started"), "the second finds every run stored "
        + "before it starts Spark: " + logs);
    assertEachRunOnceWithItsNumbers(twenty(), ResultStore.reader(spark, out.toString()));
  }

  /** The command line of {@code h} from /proc (ProcessHandle.Info leaves long ones out). */
  static String commandLine(ProcessHandle h) {
    try {
      return Files.readString(Path.of("/proc", String.valueOf(h.pid()), "cmdline")).replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
