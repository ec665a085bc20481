package rnnlab.jobs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import rnnlab.search.Asha;
import rnnlab.train.RunResult;

/**
 * The journal of an adaptive sweep, in the store's folder under {@code search/}: every decision the driver
 * made and every rung result it saw, in the order it saw them ({@code events/}, one file per event),
 * and the checkpoints of runs that may still be continued ({@code checkpoints/}). Each file is written under
 * a name starting with {@code _} and renamed when complete, so a killed driver leaves only whole files; a
 * rerun replays the events and continues. A run's checkpoints are deleted when it ends.
 */
final class SearchLog {

  /** What an event records. */
  enum Kind {
    /** A new run was sent out: to its first rung (asha), or proposed in a wave (tpe, rung = wave). */
    START,
    /** A run was promoted to the next rung. */
    PROMOTE,
    /** A run came back from a rung, with its result there. */
    REPORT
  }

  /**
   * One entry of the journal.
   *
   * @param kind    what happened
   * @param runId   the run
   * @param rung    the rung it went to (start, promote) or came back from (report)
   * @param result  its result at that rung (report only, else null)
   * @param sampled a start made by a model-based sampler (TPE: its startup and enqueued points included);
   *                false in journals written before the field, read as TPE journals when they hold only
   *                starts
   */
  record Event(Kind kind, String runId, int rung, RunResult result, boolean sampled)
      implements Serializable {}

  /**
   * An early-stopping search's state after its journal is replayed.
   *
   * @param last     the last result of each run that reported, by run id
   * @param inFlight the runs sent out (started or promoted) that did not report back, with the rung they were
   *                 sent to, in the order they were sent
   */
  record Replay(Map<String, RunResult> last, Map<String, Integer> inFlight) {}

  private final FileSystem fs;
  private final Path events;
  private final Path checkpoints;
  private int next;

  private SearchLog(FileSystem fs, Path root, boolean create) throws IOException {
    this.fs = fs;
    this.events = new Path(root, "events");
    this.checkpoints = new Path(root, "checkpoints");
    if (create) {
      fs.mkdirs(events);
      fs.mkdirs(checkpoints);
    }
    this.next = create ? complete(events).length : 0;
  }

  /** The journal of the store at {@code out}, created when absent. */
  static SearchLog open(Configuration conf, String out) {
    try {
      Path root = new Path(out, "search");
      return new SearchLog(root.getFileSystem(conf), root, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The events of the store at {@code out}, empty when it has no journal; writes nothing. */
  static List<Event> read(Configuration conf, String out) {
    try {
      Path root = new Path(out, "search");
      FileSystem fs = root.getFileSystem(conf);
      return fs.exists(new Path(root, "events")) ? new SearchLog(fs, root, false).events() : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every event, in the order it was appended. */
  List<Event> events() {
    List<Event> out = new ArrayList<>();
    try {
      for (FileStatus f : complete(events)) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(read(f.getPath())))) {
          out.add((Event) in.readObject());
        }
      }
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot read the search journal in " + events + ": " + e, e);
    }
    return out;
  }

  /**
   * Replays the events into {@code asha} in their order: each report is ranked by {@code rank}, each
   * promotion is checked to be the one {@code asha} makes again, and {@code onStart} sees each started run
   * at its place among the reports (a sampler that learns from them proposes it again there).
   *
   * @throws IllegalStateException when the journal does not replay: the sweep file changed
   */
  Replay replay(Asha asha, ToDoubleFunction<RunResult> rank, Consumer<String> onStart) {
    Map<String, RunResult> last = new HashMap<>();
    Map<String, Integer> inFlight = new LinkedHashMap<>();
    for (Event e : events()) {
      switch (e.kind()) {
        case START -> {
          onStart.accept(e.runId());
          inFlight.put(e.runId(), 0);
        }
        case PROMOTE -> {
          Asha.Promotion p = asha.promote().orElseThrow(() -> replayError(e.runId(), "promoted"));
          if (!p.runId().equals(e.runId())) {
            throw replayError(e.runId(), "promoted");
          }
          inFlight.put(e.runId(), e.rung());
        }
        case REPORT -> {
          asha.report(e.runId(), e.rung(), rank.applyAsDouble(e.result()));
          last.put(e.runId(), e.result());
          inFlight.remove(e.runId());
        }
      }
    }
    return new Replay(last, inFlight);
  }

  /** The error of a journal whose {@code what} event of {@code runId} the search now makes otherwise. */
  static IllegalStateException replayError(String runId, String what) {
    return new IllegalStateException("the search journal does not replay: it " + what + " run " + runId
        + " where the search now chooses another; was the sweep file changed? Start a new store.");
  }

  /** Appends {@code event}: once this returns, a rerun replays it. */
  void append(Event event) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(new Path(events, String.format("%08d.event", next++)), bytes.toByteArray());
  }

  /** Keeps the checkpoint of {@code runId} after {@code epochs} epochs. */
  void saveCheckpoint(String runId, int epochs, byte[] checkpoint) {
    write(checkpointPath(runId, epochs), checkpoint);
  }

  /** The checkpoint of {@code runId} after {@code epochs} epochs. */
  byte[] checkpoint(String runId, int epochs) {
    try {
      return read(checkpointPath(runId, epochs));
    } catch (IOException e) {
      throw new IllegalStateException("the checkpoint of run " + runId + " after epoch " + epochs
          + " is missing from " + checkpoints + ": " + e, e);
    }
  }

  /** Deletes every checkpoint of {@code runId}: it has ended. */
  void dropCheckpoints(String runId) {
    try {
      for (FileStatus f : fs.listStatus(checkpoints, p -> p.getName().startsWith(runId + "-"))) {
        fs.delete(f.getPath(), false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Checkpoint files still kept, for tests and the summary. */
  int checkpointCount() {
    try {
      return complete(checkpoints).length;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path checkpointPath(String runId, int epochs) {
    return new Path(checkpoints, runId + "-" + epochs + ".ckpt");
  }

  private FileStatus[] complete(Path dir) throws IOException {
    FileStatus[] files = fs.listStatus(dir,
        p -> !p.getName().startsWith("_") && !p.getName().startsWith("."));
    Arrays.sort(files, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    return files;
  }

  private void write(Path target, byte[] bytes) {
    Path staged = new Path(target.getParent(), "_" + target.getName());
    try {
      try (FSDataOutputStream out = fs.create(staged, true)) {
        out.write(bytes);
      }
      fs.delete(target, false);
      if (!fs.rename(staged, target)) {
        throw new IOException("could not rename " + staged + " to " + target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] read(Path path) throws IOException {
    try (FSDataInputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
  }
}
