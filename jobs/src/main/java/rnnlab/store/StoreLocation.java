package rnnlab.store;

import java.io.IOException;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a result store lives: the one way a user's string ({@code results/qs}, {@code /abs/path},
 * {@code file:/...}, {@code hdfs://host:port/...}, {@code s3a://bucket/...}) becomes a folder on a Hadoop
 * file system. Every command that takes a store goes through {@link #of}; nothing turns a store's string
 * into a {@code java.nio} path.
 *
 * <p>A plain path is on the default file system of the configuration (the local disk unless
 * {@code fs.defaultFS} says otherwise), relative to the working folder.
 */
public final class StoreLocation {

  /**
   * Object stores whose rename is a copy and whose create-if-absent is not atomic: the store's atomic batches
   * and its lock would not hold there, so they are refused for writing (reading works).
   */
  private static final String SPARK_HADOOP = "spark.hadoop.";
  private static final Set<String> OBJECT_STORES =
      Set.of("s3", "s3a", "s3n", "gs", "wasb", "wasbs", "oss", "cos", "cosn", "obs");

  private final FileSystem fs;
  private final Path path;

  private StoreLocation(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  /**
   * The folder {@code text} names, qualified against {@code conf}'s file systems.
   *
   * @throws BadStoreException when {@code text} is empty, not a path or URI, or names a file system Hadoop
   *                           does not know
   */
  public static StoreLocation of(String text, Configuration conf) {
    if (text == null || text.isBlank()) {
      throw new BadStoreException("expected a result store folder (a path or a URI such as "
          + "hdfs://host:port/dir), got nothing");
    }
    Path path;
    try {
      path = new Path(text.strip());
    } catch (IllegalArgumentException e) {
      throw new BadStoreException(text + ": not a path or URI (" + e.getMessage() + ")");
    }
    try {
      FileSystem fs = path.getFileSystem(conf);
      return new StoreLocation(fs, fs.makeQualified(path));
    } catch (IOException e) {
      throw new BadStoreException(text + ": cannot reach its file system (" + e.getMessage() + ")");
    }
  }

  /**
   * The folder {@code text} names, on {@link #hadoopSettings()} (as a command sees it before Spark starts).
   *
   * @throws BadStoreException as {@link #of(String, Configuration)}
   */
  public static StoreLocation of(String text) {
    return of(text, hadoopSettings());
  }

  /**
   * Hadoop's settings as a command that starts no Spark session sees them: Hadoop's defaults and the files
   * of {@code HADOOP_CONF_DIR} on the classpath, then each {@code spark.hadoop.KEY} system property as
   * {@code KEY}, as a Spark session would set it ({@code submit.sh} passes {@code conf/spark-defaults.conf}
   * and {@code --conf} to such commands as system properties).
   */
  public static Configuration hadoopSettings() {
    Configuration conf = new Configuration();
    Properties system = System.getProperties();
    for (String key : new TreeSet<>(system.stringPropertyNames())) {
      if (key.startsWith(SPARK_HADOOP)) {
        conf.set(key.substring(SPARK_HADOOP.length()), system.getProperty(key));
      }
    }
    return conf;
  }

  /** The file system the store is on. */
  public FileSystem fs() {
    return fs;
  }

  /** The store's folder, qualified. */
  public Path path() {
    return path;
  }

  /** True when the store is on this machine's disk ({@code file:}). */
  public boolean isLocal() {
    return "file".equals(path.toUri().getScheme());
  }

  /** The folder's last name, e.g. {@code qs} for {@code hdfs://h:1/rnnlab/qs}. */
  public String name() {
    return path.getName();
  }

  /**
   * Checks that the location can hold a store to write to: not a file, not an object store.
   *
   * @throws BadStoreException naming the location and why
   */
  public void checkWritable() {
    String scheme = path.toUri().getScheme().toLowerCase(Locale.ROOT);
    if (OBJECT_STORES.contains(scheme)) {
      throw new BadStoreException(this + ": " + scheme + ": is an object store without atomic rename or"
          + " create-if-absent, so the store's atomic batches and single-writer lock cannot hold there; write"
          + " to HDFS or a local folder and copy the finished store (reading it from " + scheme + ": works)");
    }
    try {
      if (fs.exists(path) && !fs.getFileStatus(path).isDirectory()) {
        throw new BadStoreException(this + ": expected a folder for the result store, got a file");
      }
    } catch (IOException e) {
      throw new BadStoreException(this + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  /**
   * Checks that the location holds a store to read: a folder with a {@code runs/} folder.
   *
   * @throws BadStoreException naming the location and what is missing
   */
  public void checkReadable() {
    String expected = " (expected the OUT folder of ./submit.sh sweep, holding runs/ and curves/)";
    try {
      if (!fs.exists(path) || !fs.getFileStatus(path).isDirectory()) {
        throw new BadStoreException(this + " is not a result store: no such folder" + expected);
      }
      Path runs = new Path(path, "runs");
      if (!fs.exists(runs) || !fs.getFileStatus(runs).isDirectory()) {
        throw new BadStoreException(this + " is not a result store: it has no runs/ folder" + expected);
      }
    } catch (IOException e) {
      throw new BadStoreException(this + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
