package rnnlab.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The single-writer lock of a result store: the file {@code DIR/_lock}, created only if absent (atomic on a
 * local disk and on HDFS), holding its writer's host, pid and start time, and refreshed (its modification
 * time set) every {@link #REFRESH} while the writer lives.
 *
 * <p>A lock is a dead writer's, and is taken over with a note saying so, when its holder ran on this host and
 * its process has ended, or when it was not refreshed for {@link #STALE} (a writer on another host that died;
 * this compares the file system's clock with ours, so clocks must agree to within a few seconds). A writer
 * checks before each commit that the lock is still its own ({@link #check}), so a writer that was paused for
 * longer than {@link #STALE} and lost its lock stops instead of writing beside the new holder.
 */
final class StoreLock implements AutoCloseable {

  /** The lock file's name in the store's folder; readers skip names starting with '_'. */
  static final String NAME = "_lock";

  /** How often a holder refreshes its lock. */
  static final Duration REFRESH = Duration.ofSeconds(10);

  /** A lock not refreshed for this long is a dead writer's. */
  static final Duration STALE = Duration.ofSeconds(60);

  /** How often a waiting writer looks again. */
  private static final Duration POLL = Duration.ofMillis(500);

  /**
   * Who holds a lock.
   *
   * @param owner   a random id of the writer (also the name of its staging folder)
   * @param host    the writer's host name
   * @param pid     the writer's process id
   * @param started when it took the lock
   */
  record Holder(String owner, String host, long pid, Instant started) {

    /** This JVM's holder, with a fresh owner id. */
    static Holder me() {
      return new Holder(UUID.randomUUID().toString().substring(0, 12), hostName(),
          ProcessHandle.current().pid(), Instant.now());
    }

    String text() {
      return "owner=" + owner + "\nhost=" + host + "\npid=" + pid + "\nstarted=" + started + "\n";
    }

    /** The holder written in {@code text}, or null when it cannot be read (e.g. still being written). */
    static Holder parse(String text) {
      Properties p = new Properties();
      try {
        p.load(new StringReader(text));
        return new Holder(p.getProperty("owner"), p.getProperty("host"), Long.parseLong(p.getProperty("pid")),
            Instant.parse(p.getProperty("started")));
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    @Override
    public String toString() {
      return "pid " + pid + " on " + host + ", since " + started;
    }
  }

  /** A lock file as seen at one moment. */
  private record Seen(Holder holder, long modified) {}

  private final FileSystem fs;
  private final Path file;
  private final Holder me;
  private final ScheduledExecutorService refresher;

  private StoreLock(FileSystem fs, Path file, Holder me) {
    this.fs = fs;
    this.file = file;
    this.me = me;
    this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "rnnlab store lock " + file);
      t.setDaemon(true);
      return t;
    });
    refresher.scheduleWithFixedDelay(this::refresh, REFRESH.toMillis(), REFRESH.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lock of the store in {@code root}.
   *
   * @param wait  wait while another live writer holds it; else fail at once
   * @param notes told when a dead writer's lock is taken over, and once when waiting starts
   * @throws BadStoreException naming the holder when a live writer holds the lock and {@code wait} is false
   */
  static StoreLock acquire(FileSystem store, Path root, boolean wait, Consumer<String> notes)
      throws IOException {
    // no .crc side files on a local disk: the lock is written by java.nio and must read back as written
    FileSystem fs = store instanceof LocalFileSystem local ? local.getRaw() : store;
    Path file = new Path(root, NAME);
    Holder me = Holder.me();
    boolean told = false;
    while (true) {
      if (create(fs, file, me.text().getBytes(StandardCharsets.UTF_8))) {
        return new StoreLock(fs, file, me);
      }
      Seen seen = read(fs, file);
      if (seen == null) {
        continue; // released in between
      }
      String dead = whyDead(seen);
      if (dead != null) {
        notes.accept("taking over the lock of " + root + " from "
            + (seen.holder() == null ? "an unreadable lock file" : seen.holder()) + ": " + dead);
        Seen again = read(fs, file);
        if (again != null && again.equals(seen)) {
          fs.delete(file, false);
        }
        continue;
      }
      if (!wait) {
        throw new BadStoreException(root + " is being written by another writer (" + seen.holder() + "; lock "
            + file + "): wait for it to finish, or pass --wait to start when it has");
      }
      if (!told) {
        notes.accept("waiting for the writer of " + root + " (" + seen.holder() + ") to finish");
        told = true;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the lock of " + root, e);
      }
    }
  }

  /** The id of this writer, which names its staging folder. */
  String owner() {
    return me.owner();
  }

  /**
   * Checks that the lock is still this writer's.
   *
   * @throws IllegalStateException naming the new holder when another writer took it over
   */
  void check() throws IOException {
    Seen seen = read(fs, file);
    if (seen == null || seen.holder() == null || !me.owner().equals(seen.holder().owner())) {
      throw new IllegalStateException("lost the lock of the store to "
          + (seen == null ? "nobody (" + file + " was deleted)" : seen.holder())
          + ": this writer was not heard from for " + STALE.toSeconds() + " s; stopping without writing");
    }
  }

  /** Stops refreshing and deletes the lock file if it is still this writer's. */
  @Override
  public void close() throws IOException {
    refresher.shutdownNow();
    Seen seen = read(fs, file);
    if (seen != null && seen.holder() != null && me.owner().equals(seen.holder().owner())) {
      fs.delete(file, false);
    }
  }

  private void refresh() {
    try {
      fs.setTimes(file, System.currentTimeMillis(), -1);
    } catch (IOException | RuntimeException e) {
      // a missed refresh only ages the lock; check() catches a lock that was lost
    }
  }

  /** Why the writer of {@code seen} is dead, or null when it may be alive. */
  private static String whyDead(Seen seen) {
    Holder h = seen.holder();
    Holder me = Holder.me();
    if (h != null && h.host().equals(me.host()) && h.pid() != me.pid()
        && ProcessHandle.of(h.pid()).map(p -> !p.isAlive()).orElse(true)) {
      return "its process has ended";
    }
    long age = System.currentTimeMillis() - seen.modified();
    if (age > STALE.toMillis()) {
      return "not refreshed for " + age / 1000 + " s";
    }
    return null;
  }

  /** Creates {@code file} holding {@code content} if it does not exist; false if it does. */
  private static boolean create(FileSystem fs, Path file, byte[] content) throws IOException {
    if ("file".equals(file.toUri().getScheme())) {
      // Hadoop's local create checks and opens in two steps; CREATE_NEW is one
      try (OutputStream out = Files.newOutputStream(Paths.get(file.toUri()), StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        out.write(content);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(file, false)) {
      out.write(content);
      return true;
    } catch (IOException e) {
      if (fs.exists(file)) {
        return false; // HDFS: FileAlreadyExistsException, or another client still creating it
      }
      throw e;
    }
  }

  /** The lock file now, or null when there is none. */
  private static Seen read(FileSystem fs, Path file) throws IOException {
    try {
      FileStatus status = fs.getFileStatus(file);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (InputStream in = fs.open(file)) {
        in.transferTo(bytes);
      }
      return new Seen(Holder.parse(bytes.toString(StandardCharsets.UTF_8)), status.getModificationTime());
    } catch (java.io.FileNotFoundException e) {
      return null;
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
