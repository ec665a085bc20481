package rnnlab.jobs;

import java.io.PrintWriter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import rnnlab.search.Asha;
import rnnlab.search.TpeSampler;
import rnnlab.store.StoreWriter;
import rnnlab.sweep.Search;
import rnnlab.sweep.Sweep;
import rnnlab.train.Checkpoint;
import rnnlab.spec.ProgressListener;
import rnnlab.train.RunInputs;
import rnnlab.train.RunResult;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.train.Trainer;

/**
 * Runs a sweep with a {@code search:} section on Spark. Usage: {@code ./submit.sh sweep SWEEP.yaml} (the
 * sweep command comes here when the file asks for {@code scheduler: asha} or {@code sampler: tpe}).
 *
 * <p><b>ASHA</b> (asynchronous successive halving, {@link Asha}): each task trains one run from its
 * checkpoint to its next rung ({@link Trainer#train(RunSpec, Checkpoint, int, ProgressListener)}) and
 * returns its result there and its new checkpoint; as soon as a task ends, the driver records the result,
 * asks the scheduler for a promotion, and sends out the promoted run, else the next new run of the sweep, so
 * every core stays busy and no rung waits to fill. Runs that reach the last rung are stored {@code ok}; when
 * the sweep has no more work, the runs never promoted are stored {@code pruned} with their curve and
 * accuracies at the rung they reached. Every start, promotion and rung result is journaled in the store
 * ({@link SearchLog}, with the checkpoints), so a killed driver loses only the legs in flight: a rerun
 * replays the journal and continues. Promotions depend on the order results come back, which the journal
 * records; the same order gives the same runs and numbers. Below the last rung a leg evaluates only what
 * the scheduler ranks by (the held-out accuracy, or the loss), so a pruned run is stored with NaN training
 * and longer held-out accuracies and no probe outputs, unless the metric is one of those.
 *
 * <p><b>TPE</b> ({@link TpeSampler}): the startup runs, then waves of {@code parallel} proposals, each
 * wave one Spark job drawn from the sweep's seed and the results of all earlier waves in proposal order, so
 * the runs do not depend on the executors' timing. Each proposal is journaled (a start event whose rung is
 * its wave, 0 for the startup runs) before it trains. A rerun reads the stored runs' metrics, proposes the
 * same waves again and trains only the runs not stored.
 */
public final class SearchJob {

  /**
   * What an adaptive sweep did.
   *
   * @param search     {@code asha} or {@code tpe}
   * @param runs       runs that ended in the store, now or before
   * @param ok         ... that reached their last epoch
   * @param pruned     ... stopped early by the scheduler
   * @param diverged   ... that diverged
   * @param failed     ... that failed
   * @param epochs     epochs trained by this invocation
   * @param fullEpochs epochs the same runs would take trained to the end
   * @param wallMs     this invocation's wall time
   * @param location   the store's folder
   */
  public record Summary(String search, int runs, int ok, int pruned, int diverged, int failed, long epochs,
      long fullEpochs, long wallMs, String location) implements SweepSummary {

    @Override
    public String toString() {
      return String.format("%s: %d runs (%d ok, %d pruned, %d diverged, %d failed); %d epochs trained now "
          + "(%d to train every run to the end); %.1f s wall; results in %s", search, runs, ok, pruned,
          diverged, failed, epochs, fullEpochs, wallMs / 1e3, location);
    }
  }

  /**
   * A leg to train: a run from its checkpoint (null: from the start) until the epochs of {@code rung};
   * {@code evaluateAll} false evaluates only the held-out accuracy at its end.
   */
  private record Leg(RunSpec spec, byte[] checkpoint, int rung, int until, boolean evaluateAll)
      implements Serializable {}

  /** A leg's result with its new checkpoint (null when it failed). */
  private record LegDone(RunResult result, byte[] checkpoint, int rung) implements Serializable {}

  private SearchJob() {}

  /** As {@link #run(SparkSession, Sweep, String, boolean, PrintWriter)}, failing at once on a busy store. */
  public static Summary run(SparkSession spark, Sweep sweep, String out, PrintWriter console) {
    return run(spark, sweep, out, false, console);
  }

  /** As {@link #run(SparkSession, Sweep, String, boolean, PrintWriter)}, in a session of its own. */
  public static Summary run(Sweep sweep, String out, boolean waitForStore, PrintWriter console) {
    return Sessions.with("rnnlab sweep " + sweep.name(), spark -> run(spark, sweep, out, waitForStore,
        console));
  }

  /**
   * Runs {@code sweep}, whose search is adaptive, into the store at {@code out}, holding the store's lock.
   *
   * @param waitForStore wait while another writer holds the store, instead of failing at once
   * @throws rnnlab.store.BadStoreException when {@code out} cannot hold a store or another writer holds it
   */
  public static Summary run(SparkSession spark, Sweep sweep, String out, boolean waitForStore,
      PrintWriter console) {
    Search search = sweep.search();
    if (search.scheduler() != Search.Scheduler.ASHA && search.sampler() != Search.Sampler.TPE) {
      throw new IllegalArgumentException("sweep " + sweep.name() + " has no adaptive search");
    }
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    SweepInputs inputs = search.scheduler() == Search.Scheduler.ASHA ? SweepInputs.read(sweep.runs(), conf)
        : null; // TPE's runs are proposed as it goes: each wave is read and pinned before it trains
    try (StoreWriter store = StoreWriter.open(spark, out, waitForStore, console::println)) {
      return inputs != null ? asha(spark, sweep, inputs, out, store, console)
          : tpe(spark, sweep, out, store, console);
    }
  }

  /** The task: one leg of one run, on the inputs the driver read ({@link SweepInputs}); never throws. */
  private static LegDone train(Leg leg, Map<String, RunInputs> inputs) {
    try {
      Checkpoint from = leg.checkpoint() == null ? null : Checkpoint.fromBytes(leg.checkpoint());
      Trainer.Leg done = Trainer.train(new RunInputs.Pinned(leg.spec(), SweepInputs.of(inputs, leg.spec())),
          from, leg.until(), leg.evaluateAll(), ProgressListener.NONE);
      return new LegDone(done.trained().result(), done.checkpoint().toBytes(), leg.rung());
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      return new LegDone(RunResult.failed(leg.spec(), e), null, leg.rung());
    }
  }

  private static Summary asha(SparkSession spark, Sweep sweep, SweepInputs inputs, String out,
      StoreWriter store, PrintWriter console) {
    long start = System.currentTimeMillis();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<HashMap<String, RunInputs>> shipped = jsc.broadcast(new HashMap<>(inputs.inputs()));
    Search search = sweep.search();
    List<RunSpec> runs = inputs.runs();
    Map<String, RunSpec> specs = new LinkedHashMap<>();
    runs.forEach(r -> specs.put(r.id(), r));
    int epochsPerRun = runs.get(0).epochs();
    Asha asha = new Asha(search.minEpochs(), search.reduction(), epochsPerRun, search.metric().maximised());
    int[] rungs = asha.rungs();
    Set<String> stored = store.reader().doneIds();
    SearchLog log = SearchLog.open(jsc.hadoopConfiguration(), out);

    // replay the journal: the scheduler's state, the last result of each run, the legs that were in flight
    Map<String, RunResult> last = new HashMap<>();
    Map<String, Integer> sentTo = new LinkedHashMap<>();
    Set<String> started = new HashSet<>();
    for (SearchLog.Event e : log.events()) {
      switch (e.kind()) {
        case START -> {
          started.add(e.runId());
          sentTo.put(e.runId(), 0);
        }
        case PROMOTE -> {
          Asha.Promotion p = asha.promote().orElseThrow(() -> replayError(e));
          if (!p.runId().equals(e.runId())) {
            throw replayError(e);
          }
          sentTo.put(e.runId(), e.rung());
        }
        case REPORT -> {
          asha.report(e.runId(), e.rung(), rank(e.result(), search));
          last.put(e.runId(), e.result());
          sentTo.remove(e.runId());
        }
      }
    }
    List<RunResult> finals = new ArrayList<>();
    for (RunResult r : last.values()) {
      if (isFinal(r, asha) && !stored.contains(r.runId())) {
        finals.add(r);
      }
    }
    List<Leg> queue = new ArrayList<>();
    boolean cheap = search.metric() == Search.Metric.TEST_ACCURACY
        || search.metric() == Search.Metric.FINAL_LOSS;
    sentTo.forEach((id, rung) -> queue.add(leg(specs.get(id), rung, rungs, log, cheap)));

    int cores = jsc.defaultParallelism();
    int flushAt = Math.max(4, 2 * cores);
    long epochs = 0;
    Iterator<RunSpec> fresh = runs.stream().filter(r -> !started.contains(r.id())).iterator();
    List<JavaFutureAction<List<LegDone>>> inFlight = new ArrayList<>();
    while (true) {
      while (inFlight.size() < cores) {
        Leg leg;
        if (!queue.isEmpty()) {
          leg = queue.remove(0);
        } else {
          Optional<Asha.Promotion> p = asha.promote();
          if (p.isPresent()) {
            log.append(new SearchLog.Event(SearchLog.Kind.PROMOTE, p.get().runId(), p.get().toRung(), null));
            leg = leg(specs.get(p.get().runId()), p.get().toRung(), rungs, log, cheap);
          } else if (fresh.hasNext()) {
            RunSpec spec = fresh.next();
            log.append(new SearchLog.Event(SearchLog.Kind.START, spec.id(), 0, null));
            leg = new Leg(spec, null, 0, rungs[0], !cheap || rungs.length == 1);
          } else {
            break;
          }
        }
        epochs += leg.until() - (leg.rung() == 0 ? 0 : rungs[leg.rung() - 1]);
        jsc.setJobDescription("sweep " + sweep.name() + ": run " + leg.spec().id() + " to epoch "
            + leg.until());
        inFlight.add(jsc.parallelize(List.of(leg), 1).map(l -> train(l, shipped.value())).collectAsync());
      }
      if (inFlight.isEmpty()) {
        break;
      }
      LegDone done = awaitAny(inFlight);
      RunResult r = done.result();
      if (done.checkpoint() != null && r.state() == RunState.OK && done.rung() < asha.lastRung()) {
        log.saveCheckpoint(r.runId(), r.epochsRun(), done.checkpoint());
      }
      log.append(new SearchLog.Event(SearchLog.Kind.REPORT, r.runId(), done.rung(), r));
      asha.report(r.runId(), done.rung(), rank(r, search));
      last.put(r.runId(), r);
      if (isFinal(r, asha)) {
        finals.add(r);
        log.dropCheckpoints(r.runId());
      }
      console.printf(Locale.ROOT, "asha: run %s rung %d (%d epochs): %s %.4f%n", r.runId(), done.rung(),
          r.epochsRun(), search.metric().label(), search.metric().of(r));
      console.flush();
      if (finals.size() >= flushAt) {
        store(store, sweep, finals, stored);
      }
    }
    shipped.destroy();
    for (String id : asha.stopped()) {
      RunResult r = last.get(id);
      if (!isFinal(r, asha) && !stored.contains(id)) {
        finals.add(pruned(r, asha.rungOf(id), rungs.length));
      }
      log.dropCheckpoints(id);
    }
    store(store, sweep, finals, stored);
    int[] counts = new int[RunState.values().length];
    for (RunResult r : last.values()) {
      RunState state = isFinal(r, asha) ? r.state() : RunState.PRUNED;
      counts[state.ordinal()]++;
    }
    return new Summary("asha", last.size(), counts[RunState.OK.ordinal()], counts[RunState.PRUNED.ordinal()],
        counts[RunState.DIVERGED.ordinal()], counts[RunState.FAILED.ordinal()], epochs,
        (long) last.size() * epochsPerRun, System.currentTimeMillis() - start, store.location());
  }

  /** What the scheduler ranks a result by: its metric, NaN (never promoted) when it diverged or failed. */
  private static double rank(RunResult r, Search search) {
    return r.state() == RunState.OK ? search.metric().of(r) : Double.NaN;
  }

  /** A run that ended at this result: at the last rung, or diverged or failed on the way. */
  private static boolean isFinal(RunResult r, Asha asha) {
    return r.state() != RunState.OK || r.epochsRun() == asha.rungs()[asha.lastRung()];
  }

  private static IllegalStateException replayError(SearchLog.Event e) {
    return new IllegalStateException("the search journal does not replay: it promoted run " + e.runId()
        + " where the scheduler now promotes another; was the sweep file changed? Start a new store.");
  }

  /** The leg of {@code spec} to {@code rung}; everything is evaluated at the last rung, or if not cheap. */
  private static Leg leg(RunSpec spec, int rung, int[] rungs, SearchLog log, boolean cheap) {
    byte[] checkpoint = rung == 0 ? null : log.checkpoint(spec.id(), rungs[rung - 1]);
    return new Leg(spec, checkpoint, rung, rungs[rung], !cheap || rung == rungs.length - 1);
  }

  /** {@code r} stored as pruned: its curve and accuracies are those of the rung it reached. */
  private static RunResult pruned(RunResult r, int rung, int rungCount) {
    return r.withState(RunState.PRUNED, "stopped by asha after epoch " + r.epochsRun() + " (rung "
        + (rung + 1) + " of " + rungCount + ")");
  }

  /** Appends the results not stored yet as one batch and clears {@code results}. */
  private static void store(StoreWriter store, Sweep sweep, List<RunResult> results, Set<String> stored) {
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

  /** The result of the first of {@code inFlight} to finish, removed from it. */
  private static <T> T awaitAny(List<JavaFutureAction<List<T>>> inFlight) {
    while (true) {
      for (Iterator<JavaFutureAction<List<T>>> it = inFlight.iterator(); it.hasNext(); ) {
        JavaFutureAction<List<T>> f = it.next();
        if (f.isDone()) {
          it.remove();
          return SweepJob.await(f).get(0);
        }
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for runs", e);
      }
    }
  }

  private static Summary tpe(SparkSession spark, Sweep sweep, String out, StoreWriter store,
      PrintWriter console) {
    long start = System.currentTimeMillis();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Search search = sweep.search();
    TpeSampler sampler = new TpeSampler(sweep);
    Map<String, Double> metric = new HashMap<>();
    Map<String, RunState> states = new HashMap<>();
    if (store.reader().hasRuns()) {
      for (Row row : store.reader().runs().select("run_id", search.metric().label(), "state")
          .collectAsList()) {
        metric.put(row.getString(0), row.isNullAt(1) ? Double.NaN : row.getDouble(1));
        states.put(row.getString(0), RunState.valueOf(row.getString(2).toUpperCase(Locale.ROOT)));
      }
    }
    SearchLog log = SearchLog.open(jsc.hadoopConfiguration(), out);
    int journaled = log.events().size();
    List<TpeSampler.Scored> history = new ArrayList<>();
    long epochs = 0;
    List<RunSpec> wave = sampler.startup();
    for (int k = -1; k < sampler.waves(); k++) {
      if (k >= 0) {
        wave = sampler.wave(k, history);
      }
      SweepInputs pinned = SweepInputs.read(wave, jsc.hadoopConfiguration());
      wave = pinned.runs();
      for (int i = 0; i < wave.size(); i++) {
        if (history.size() + i >= journaled) {
          log.append(new SearchLog.Event(SearchLog.Kind.START, wave.get(i).id(), k + 1, null));
        }
      }
      Map<String, RunSpec> missing = new LinkedHashMap<>();
      wave.stream().filter(r -> !metric.containsKey(r.id())).forEach(r -> missing.putIfAbsent(r.id(), r));
      if (!missing.isEmpty()) {
        jsc.setJobDescription("sweep " + sweep.name() + (k < 0 ? ": startup runs" : ": TPE wave " + (k + 1)));
        List<RunSpec> todo = new ArrayList<>(missing.values());
        Broadcast<HashMap<String, RunInputs>> shipped = jsc.broadcast(new HashMap<>(pinned.inputs()));
        List<RunResult> results = jsc.parallelize(todo, todo.size())
            .map(r -> Trainer.run(r, SweepInputs.of(shipped.value(), r))).collect();
        shipped.destroy();
        Map<String, RunResult> once = new LinkedHashMap<>();
        results.forEach(r -> once.putIfAbsent(r.runId(), r));
        store.append(sweep.name(), new ArrayList<>(once.values()));
        for (RunResult r : once.values()) {
          metric.put(r.runId(), search.metric().of(r));
          states.put(r.runId(), r.state());
          epochs += r.epochsRun();
        }
      }
      for (RunSpec r : wave) {
        history.add(new TpeSampler.Scored(r, metric.get(r.id())));
      }
      double best = history.stream().mapToDouble(TpeSampler.Scored::metric).filter(v -> !Double.isNaN(v))
          .reduce(search.metric().maximised() ? Math::max : Math::min).orElse(Double.NaN);
      console.printf(Locale.ROOT, "tpe: %s %d runs, best %s %.4f%n", k < 0 ? "startup:" : "wave " + (k + 1)
          + ":", history.size(), search.metric().label(), best);
      console.flush();
    }
    Set<String> ids = new HashSet<>();
    int[] counts = new int[RunState.values().length];
    for (TpeSampler.Scored s : history) {
      if (ids.add(s.spec().id())) {
        counts[states.get(s.spec().id()).ordinal()]++;
      }
    }
    return new Summary("tpe", ids.size(), counts[RunState.OK.ordinal()], counts[RunState.PRUNED.ordinal()],
        counts[RunState.DIVERGED.ordinal()], counts[RunState.FAILED.ordinal()], epochs, epochs,
        System.currentTimeMillis() - start, store.location());
  }
}
