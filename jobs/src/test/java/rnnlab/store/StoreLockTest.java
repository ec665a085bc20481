package rnnlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single-writer lock on the local file system (HdfsStoreTest runs the same rules on HDFS). */
class StoreLockTest {

  @TempDir
  java.nio.file.Path dir;

  static void assertOneWriterAtATime(FileSystem fs, Path root) throws IOException {
    List<String> notes = new ArrayList<>();
    try (StoreLock first = StoreLock.acquire(fs, root, false, notes::add)) {
      BadStoreException busy = assertThrows(BadStoreException.class,
          () -> StoreLock.acquire(fs, root, false, notes::add));
      assertTrue(busy.getMessage().contains("pid " + ProcessHandle.current().pid()), busy.getMessage());
      assertTrue(busy.getMessage().contains("--wait"), busy.getMessage());
      first.check();
    }
    assertFalse(fs.exists(new Path(root, StoreLock.NAME)), "released");
    try (StoreLock again = StoreLock.acquire(fs, root, false, notes::add)) {
      again.check();
    }
    assertEquals(List.of(), notes, "nothing was taken over");
  }

  /**
   * Writes a lock file as a writer {@code pid} on {@code host} would have, last refreshed {@code age} ago.
   */
  static void plantLock(FileSystem fs, Path root, String host, long pid, long ageMillis) throws IOException {
    Path file = new Path(root, StoreLock.NAME);
    try (var out = fs.create(file, true)) {
      out.write(new StoreLock.Holder("dead00000000", host, pid, Instant.now()).text()
          .getBytes(StandardCharsets.UTF_8));
    }
    fs.setTimes(file, System.currentTimeMillis() - ageMillis, -1);
  }

  static void assertStaleLockIsTakenOver(FileSystem fs, Path root) throws IOException {
    plantLock(fs, root, "some-other-host", 4242, StoreLock.STALE.toMillis() + 30_000);
    List<String> notes = new ArrayList<>();
    try (StoreLock lock = StoreLock.acquire(fs, root, false, notes::add)) {
      lock.check();
      assertEquals(1, notes.size(), notes.toString());
      assertTrue(notes.get(0).contains("pid 4242 on some-other-host")
          && notes.get(0).contains("not refreshed"),
          notes.get(0));
    }
  }

  private FileSystem local() throws IOException {
    return FileSystem.getLocal(new Configuration());
  }

  private Path root() {
    return new Path(dir.toUri());
  }

  @Test
  void aSecondWriterIsRefusedNamingTheHolderUntilTheFirstReleases() throws IOException {
    assertOneWriterAtATime(local(), root());
  }

  @Test
  void aLockWhoseProcessEndedOnThisHostIsTakenOverSayingSo() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor(10, TimeUnit.SECONDS);
    StoreLock.Holder me = StoreLock.Holder.me();
    plantLock(local(), root(), me.host(), ended.pid(), 0);
    List<String> notes = new ArrayList<>();
    try (StoreLock lock = StoreLock.acquire(local(), root(), false, notes::add)) {
      lock.check();
    }
    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.get(0).contains("its process has ended"), notes.get(0));
  }

  @Test
  void aFreshLockOfALiveProcessIsNotTakenOver() throws IOException {
    StoreLock.Holder me = StoreLock.Holder.me();
    long parent = ProcessHandle.current().parent().orElseThrow().pid(); // alive, and not this JVM
    plantLock(local(), root(), me.host(), parent, 0);
    assertThrows(BadStoreException.class, () -> StoreLock.acquire(local(), root(), false, n -> { }));
    plantLock(local(), root(), "some-other-host", 4242, 5_000);
    assertThrows(BadStoreException.class, () -> StoreLock.acquire(local(), root(), false, n -> { }));
  }

  @Test
  void aLockNotRefreshedForAMinuteIsTakenOver() throws IOException {
    assertStaleLockIsTakenOver(local(), root());
  }

  @Test
  void aWaitingWriterStartsWhenTheHolderReleases() throws Exception {
    List<String> notes = new ArrayList<>();
    StoreLock first = StoreLock.acquire(local(), root(), false, notes::add);
    CompletableFuture<StoreLock> second = CompletableFuture.supplyAsync(() -> {
      try {
        return StoreLock.acquire(local(), root(), true, notes::add);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Thread.sleep(1500);
    assertFalse(second.isDone(), "waits while the first writer holds the lock");
    first.close();
    try (StoreLock lock = second.get(30, TimeUnit.SECONDS)) {
      lock.check();
      assertNotEquals(first.owner(), lock.owner());
    }
    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.get(0).startsWith("waiting for the writer"), notes.get(0));
  }

  @Test
  void aWriterThatLostItsLockStopsBeforeCommitting() throws IOException {
    try (StoreLock lock = StoreLock.acquire(local(), root(), false, n -> { })) {
      Files.delete(dir.resolve(StoreLock.NAME));
      plantLock(local(), root(), "some-other-host", 4242, 0);
      IllegalStateException lost = assertThrows(IllegalStateException.class, lock::check);
      assertTrue(lost.getMessage().contains("pid 4242 on some-other-host"), lost.getMessage());
    }
    assertTrue(Files.exists(dir.resolve(StoreLock.NAME)), "the new holder's lock is left alone");
  }
}
