package rnnlab.jobs;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Where a job's wall time went: milliseconds and counts per named phase (session start, resume scan,
 * writes, ...), in the order the phases first occurred. Thread-safe, so that a writer thread can add its
 * phases next to the driver's. Phases may overlap (a write while runs train): they explain the wall time,
 * they do not sum to it.
 */
public final class Phases {

  private final Map<String, long[]> phases = new LinkedHashMap<>();

  /** Adds {@code ms} to {@code phase} and counts one more occurrence of it. */
  public synchronized void add(String phase, long ms) {
    long[] p = phases.computeIfAbsent(phase, k -> new long[2]);
    p[0] += ms;
    p[1]++;
  }

  /** Runs {@code work}, adds its time to {@code phase} and returns its value. */
  public <T> T time(String phase, Supplier<T> work) {
    long t0 = System.nanoTime();
    try {
      return work.get();
    } finally {
      add(phase, (System.nanoTime() - t0) / 1_000_000);
    }
  }

  /** Runs {@code work} and adds its time to {@code phase}. */
  public void time(String phase, Runnable work) {
    time(phase, () -> {
      work.run();
      return null;
    });
  }

  /** Milliseconds spent in {@code phase}, 0 if it never occurred. */
  public synchronized long ms(String phase) {
    long[] p = phases.get(phase);
    return p == null ? 0 : p[0];
  }

  /** Each phase with its time, and its count where it occurred more than once. */
  @Override
  public synchronized String toString() {
    StringJoiner s = new StringJoiner(", ");
    phases.forEach((name, p) -> s.add(String.format(Locale.ROOT, "%s %.2f s%s", name, p[0] / 1e3,
        p[1] > 1 ? " (" + p[1] + "x)" : "")));
    return s.toString();
  }
}
