package rnnlab.jobs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import rnnlab.store.StoreWriter;
import rnnlab.train.RunResult;

/**
 * A sweep's writes, on a thread of their own so that the driver sends the next batch out while the last one
 * is written: batches are written one at a time and in order, at most two waiting, each with Parquet's own
 * writer ({@link StoreWriter#append}, no Spark job). A failed write fails the sweep at the next batch, or at
 * {@link #finish}.
 */
final class BatchWriter implements AutoCloseable {

  private final StoreWriter store;
  private final String sweep;
  private final Progress progress;
  private final Phases phases;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "rnnlab-store-writer");
    t.setDaemon(true);
    return t;
  });
  private final Deque<Future<?>> queued = new ArrayDeque<>();

  /** Writes into {@code store} under sweep name {@code sweep}, telling {@code progress} what is stored. */
  BatchWriter(StoreWriter store, String sweep, Progress progress, Phases phases) {
    this.store = store;
    this.sweep = sweep;
    this.progress = progress;
    this.phases = phases;
  }

  /** Queues {@code results} as one batch, after waiting while two batches wait already. */
  void append(List<RunResult> results) {
    phases.time("waiting for writes", () -> {
      while (queued.size() >= 2 || !queued.isEmpty() && queued.peek().isDone()) {
        join(queued.poll());
      }
    });
    queued.add(thread.submit(() -> {
      phases.time("batch writes", () -> store.append(sweep, results));
      progress.stored(results.size());
    }));
  }

  /** Waits for every queued write. */
  void finish() {
    phases.time("waiting for writes", () -> {
      while (!queued.isEmpty()) {
        join(queued.poll());
      }
    });
  }

  /** Lets the queued writes end (a failed sweep keeps the runs it trained), then stops the thread. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(Long.MAX_VALUE, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void join(Future<?> write) {
    try {
      write.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a write", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("a write of the sweep failed: " + e.getCause(), e.getCause());
    }
  }
}
