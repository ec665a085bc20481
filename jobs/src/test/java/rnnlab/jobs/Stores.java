package rnnlab.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import rnnlab.store.StoreWriter;
import rnnlab.sweep.Sweep;
import rnnlab.sweep.SweepFile;
import rnnlab.train.RunResult;

/**
 * Test stores: a local Spark session, sweeps from YAML text, and hand-built results written with
 * {@link StoreWriter}.
 */
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

  /** The sweep of {@code yaml}, loaded from a file in {@code dir} as {@code ./submit.sh sweep} loads one. */
  static Sweep sweep(Path dir, String yaml) throws IOException {
    Path file = dir.resolve("sweep-" + yaml.hashCode() + ".yaml");
    Files.writeString(file, yaml);
    return SweepFile.load(file, SweepFile.DEFAULT_MAX_RUNS);
  }

  /** Writes {@code results} of {@code sweep} into store {@code dir} as one batch, as a sweep does. */
  static void write(SparkSession spark, Path dir, String sweep, List<RunResult> results) {
    try (StoreWriter store = StoreWriter.open(spark, dir.toString(), false, note -> { })) {
      store.append(sweep, results);
    }
  }
}
