package rnnlab.jobs;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import org.apache.spark.util.LongAccumulator;

/**
 * The live progress line of a sweep: runs done/total, failed, diverged, elapsed and ETA. Fed by the
 * sweep's accumulators, which the driver updates as each task ends. On a terminal the line is redrawn in
 * place every second; otherwise one line is printed per stored batch.
 */
final class Progress {

  private final PrintWriter out;
  private final int total;
  private final long start;
  private final LongAccumulator done;
  private final LongAccumulator diverged;
  private final LongAccumulator failed;
  private final boolean live = System.console() != null;
  private int stored;
  private Thread ticker;

  Progress(PrintWriter out, int total, long start, LongAccumulator done, LongAccumulator diverged,
      LongAccumulator failed) {
    this.out = out;
    this.total = total;
    this.start = start;
    this.done = done;
    this.diverged = diverged;
    this.failed = failed;
  }

  void start() {
    if (!live || total == 0) {
      return;
    }
    ticker = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        out.print("\r" + line());
        out.flush();
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "rnnlab-progress");
    ticker.setDaemon(true);
    ticker.start();
  }

  /** Notes that {@code n} more runs are stored. */
  synchronized void stored(int n) {
    stored += n;
    if (!live) {
      out.println(line());
      out.flush();
    }
  }

  void stop() {
    if (ticker != null) {
      ticker.interrupt();
      try {
        ticker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      out.println("\r" + line());
      out.flush();
    }
  }

  /** The progress line as of now. */
  synchronized String line() {
    long n = Math.min(total, Math.max(done.value(), stored));
    long elapsed = System.currentTimeMillis() - start;
    String eta = n == 0 ? "?" : format((long) (elapsed * (double) (total - n) / n));
    return String.format(Locale.ROOT, "runs %d/%d  stored %d  failed %d  diverged %d  elapsed %s  eta %s   ",
        n, total, stored, failed.value(), diverged.value(), format(elapsed), eta);
  }

  private static String format(long ms) {
    Duration d = Duration.ofMillis(ms);
    return d.toHours() > 0 ? String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart())
        : String.format(Locale.ROOT, "%dm%02ds", d.toMinutesPart(), d.toSecondsPart());
  }
}
