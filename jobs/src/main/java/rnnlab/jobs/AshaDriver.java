package rnnlab.jobs;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import rnnlab.search.Asha;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.store.StoreWriter;
import rnnlab.sweep.Search;
import rnnlab.sweep.Sweep;
import rnnlab.train.RunResult;

/**
 * The driver of an early-stopping sweep ({@code scheduler: asha}; see {@link SearchJob}): replays the
 * journal, then keeps every core busy with legs ({@link Legs}), asking {@link Asha} for a promotion whenever
 * a leg ends, else starting the sweep's next run; stores runs as they finish and the runs never promoted as
 * pruned at the end.
 */
final class AshaDriver {

  private final Sweep sweep;
  private final Search search;
  private final StoreWriter store;
  private final SearchLog log;
  private final PrintWriter console;
  private final Asha asha;
  private final int[] rungs;
  private final boolean cheap;
  private final Map<String, RunSpec> specs = new LinkedHashMap<>();
  private final Set<String> stored;
  private final List<RunResult> finals = new ArrayList<>();
  private final String label;
  private Map<String, RunResult> last;

  private AshaDriver(Sweep sweep, List<RunSpec> runs, StoreWriter store, SearchLog log, PrintWriter console) {
    this.label = sweep.search().sampler() == Search.Sampler.TPE ? "tpe+asha" : "asha";
    this.sweep = sweep;
    this.search = sweep.search();
    this.store = store;
    this.log = log;
    this.console = console;
    this.asha = new Asha(search.minEpochs(), search.reduction(), runs.get(0).epochs(),
        search.metric().maximised());
    this.rungs = asha.rungs();
    this.cheap = search.metric() == Search.Metric.TEST_ACCURACY
        || search.metric() == Search.Metric.FINAL_LOSS;
    this.stored = store.reader().doneIds();
  }

  /**
   * Runs {@code sweep} into {@code store}, journaled in the store at {@code out}: its pinned runs
   * ({@code inputs}) in order, or with {@code sampler: tpe} the startup runs among them then TPE's proposals.
   */
  static SearchJob.Summary run(SparkSession spark, Sweep sweep, SweepInputs inputs, String out,
      StoreWriter store, PrintWriter console) {
    long start = System.currentTimeMillis();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SearchLog log = SearchLog.open(jsc.hadoopConfiguration(), out);
    AshaDriver driver = new AshaDriver(sweep, inputs.runs(), store, log, console);
    NewRuns fresh = sweep.search().sampler() == Search.Sampler.TPE
        ? NewRuns.proposed(sweep, inputs.runs(), jsc.hadoopConfiguration()) : NewRuns.listed(inputs.runs());
    long epochs;
    try (Legs legs = new Legs(jsc, sweep.name(), inputs.inputs())) {
      epochs = driver.drive(legs, fresh, jsc.defaultParallelism());
    }
    driver.pruneTheRest();
    return driver.summary(epochs, System.currentTimeMillis() - start);
  }

  /** Replays the journal, then sends legs until no work is left; the epochs it trained. */
  private long drive(Legs legs, NewRuns fresh, int cores) {
    SearchLog.Replay replay = log.replay(asha, this::rank, id -> {
      RunSpec spec = newRun(fresh, legs);
      if (spec == null || !spec.id().equals(id)) {
        throw SearchLog.replayError(id, "started");
      }
    });
    last = replay.last();
    for (RunResult r : last.values()) {
      if (isFinal(r) && !stored.contains(r.runId())) {
        finals.add(r);
      }
    }
    List<Legs.Leg> queue = new ArrayList<>();
    replay.inFlight().forEach((id, rung) -> queue.add(leg(specs.get(id), rung)));
    int flushAt = Math.max(4, 2 * cores);
    long epochs = 0;
    while (true) {
      while (legs.running() < cores) {
        Legs.Leg leg = !queue.isEmpty() ? queue.remove(0) : next(fresh, legs);
        if (leg == null) {
          break;
        }
        epochs += leg.until() - (leg.rung() == 0 ? 0 : rungs[leg.rung() - 1]);
        legs.send(leg);
      }
      if (legs.running() == 0) {
        return epochs;
      }
      reported(legs.awaitAny());
      if (finals.size() >= flushAt) {
        store(store, sweep, finals, stored);
      }
    }
  }

  /** The next leg: a promotion if Asha makes one, else the next new run; null when there is neither. */
  private Legs.Leg next(NewRuns fresh, Legs legs) {
    Optional<Asha.Promotion> p = asha.promote();
    if (p.isPresent()) {
      log.append(new SearchLog.Event(SearchLog.Kind.PROMOTE, p.get().runId(), p.get().toRung(), null,
          false));
      return leg(specs.get(p.get().runId()), p.get().toRung());
    }
    RunSpec spec = newRun(fresh, legs);
    if (spec == null) {
      return null;
    }
    log.append(new SearchLog.Event(SearchLog.Kind.START, spec.id(), 0, null,
        search.sampler() == Search.Sampler.TPE));
    return leg(spec, 0);
  }

  /** The next new run, its inputs shipped; null when the budget of new runs is spent. */
  private RunSpec newRun(NewRuns fresh, Legs legs) {
    SweepInputs one = fresh.next(asha);
    if (one == null) {
      return null;
    }
    legs.ship(one.inputs());
    RunSpec spec = one.runs().get(0);
    specs.put(spec.id(), spec);
    return spec;
  }

  /** Journals a leg's result, keeps its checkpoint while the run may go on, and tells the scheduler. */
  private void reported(Legs.Done done) {
    RunResult r = done.result();
    if (done.checkpoint() != null && r.state() == RunState.OK && done.rung() < asha.lastRung()) {
      log.saveCheckpoint(r.runId(), r.epochsRun(), done.checkpoint());
    }
    log.append(new SearchLog.Event(SearchLog.Kind.REPORT, r.runId(), done.rung(), r, false));
    asha.report(r.runId(), done.rung(), rank(r));
    last.put(r.runId(), r);
    if (isFinal(r)) {
      finals.add(r);
      log.dropCheckpoints(r.runId());
    }
    console.printf(Locale.ROOT, label + ": run %s rung %d (%d epochs): %s %.4f%n", r.runId(), done.rung(),
        r.epochsRun(), search.metric().label(), search.metric().of(r));
    console.flush();
  }

  /** Stores the runs left below the last rung as pruned, with the rest not stored yet. */
  private void pruneTheRest() {
    for (String id : asha.stopped()) {
      RunResult r = last.get(id);
      if (!isFinal(r) && !stored.contains(id)) {
        finals.add(r.withState(RunState.PRUNED, "stopped by asha after epoch " + r.epochsRun() + " (rung "
            + (asha.rungOf(id) + 1) + " of " + rungs.length + ")"));
      }
      log.dropCheckpoints(id);
    }
    store(store, sweep, finals, stored);
  }

  private SearchJob.Summary summary(long epochs, long wallMs) {
    Map<RunState, Integer> counts = new EnumMap<>(RunState.class);
    for (RunResult r : last.values()) {
      counts.merge(isFinal(r) ? r.state() : RunState.PRUNED, 1, Integer::sum);
    }
    return SearchJob.Summary.of(label, counts, epochs, (long) last.size() * rungs[rungs.length - 1], wallMs,
        store.location());
  }

  /** What the scheduler ranks a result by: its metric, NaN (never promoted) when it diverged or failed. */
  private double rank(RunResult r) {
    return r.state() == RunState.OK ? search.metric().of(r) : Double.NaN;
  }

  /** A run that ended at this result: at the last rung, or diverged or failed on the way. */
  private boolean isFinal(RunResult r) {
    return r.state() != RunState.OK || r.epochsRun() == rungs[asha.lastRung()];
  }

  /** The leg of {@code spec} to {@code rung}; everything is evaluated at the last rung, or if not cheap. */
  private Legs.Leg leg(RunSpec spec, int rung) {
    byte[] checkpoint = rung == 0 ? null : log.checkpoint(spec.id(), rungs[rung - 1]);
    return new Legs.Leg(spec, checkpoint, rung, rungs[rung], !cheap || rung == rungs.length - 1);
  }

  /** Appends the results not stored yet as one batch and clears {@code results}. */
  static void store(StoreWriter store, Sweep sweep, List<RunResult> results, Set<String> stored) {
    List<RunResult> fresh = new ArrayList<>();
    for (RunResult r : results) {
      if (stored.add(r.runId())) {
        fresh.add(r);
      }
    }
    if (!fresh.isEmpty()) {
      store.append(sweep.name(), fresh);
    }
    results.clear();
  }
}
