package rnnlab.jobs;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import rnnlab.search.TpeSampler;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.store.ResultSchema;
import rnnlab.store.ResultStore;
import rnnlab.store.StoreWriter;
import rnnlab.sweep.Search;
import rnnlab.sweep.Sweep;
import rnnlab.train.RunInputs;
import rnnlab.train.RunResult;
import rnnlab.train.Trainer;

/**
 * The driver of a TPE sweep without early stopping ({@code sampler: tpe}; see {@link SearchJob}): the startup
 * runs, then waves of proposals, each wave one Spark job; a rerun reads the runs already stored (their
 * newest rows, typed) and trains only the others of the same waves.
 */
final class TpeDriver {

  private final JavaSparkContext jsc;
  private final Sweep sweep;
  private final Search search;
  private final StoreWriter store;
  private final SearchLog log;
  private final PrintWriter console;
  private final Map<String, RunResult> done;
  private final int journaled;
  private final List<String> order = new ArrayList<>();
  private long epochs;

  private TpeDriver(JavaSparkContext jsc, Sweep sweep, StoreWriter store, SearchLog log,
      PrintWriter console) {
    this.jsc = jsc;
    this.sweep = sweep;
    this.search = sweep.search();
    this.store = store;
    this.log = log;
    this.console = console;
    this.done = storedResults(store.reader());
    this.journaled = log.events().size();
  }

  /** Runs {@code sweep}: one study per grid point ({@link TpeSampler#studies}), in grid order. */
  static SearchJob.Summary run(SparkSession spark, Sweep sweep, String out, StoreWriter store,
      PrintWriter console) {
    long start = System.currentTimeMillis();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    TpeDriver driver = new TpeDriver(jsc, sweep, store, SearchLog.open(jsc.hadoopConfiguration(), out),
        console);
    List<Sweep> studies = TpeSampler.studies(sweep);
    for (Sweep study : studies) {
      driver.study(new TpeSampler(study), studies.size() == 1 ? "" : study.name() + " ");
    }
    Map<RunState, Integer> counts = new EnumMap<>(RunState.class);
    for (String id : new LinkedHashSet<>(driver.order)) {
      counts.merge(driver.done.get(id).state(), 1, Integer::sum);
    }
    return SearchJob.Summary.of("tpe", counts, driver.epochs, driver.epochs,
        System.currentTimeMillis() - start, store.location());
  }

  /** The startup points then the waves of one study; its runs are journaled in order before they train. */
  private void study(TpeSampler sampler, String label) {
    List<TpeSampler.Scored> history = new ArrayList<>();
    Map<String, List<String>> seedsOf = new HashMap<>();
    List<RunSpec> wave = sampler.startup();
    for (int k = -1; k < sampler.waves(); k++) {
      if (k >= 0) {
        wave = sampler.wave(k, history);
      }
      List<Integer> sizes = new ArrayList<>();
      List<RunSpec> runs = new ArrayList<>();
      for (RunSpec point : wave) {
        sizes.add(sampler.replicas(point).size());
        runs.addAll(sampler.replicas(point));
      }
      SweepInputs pinned = SweepInputs.read(runs, jsc.hadoopConfiguration());
      for (RunSpec r : pinned.runs()) {
        if (order.size() >= journaled) {
          log.append(new SearchLog.Event(SearchLog.Kind.START, r.id(), k + 1, null, true));
        }
        order.add(r.id());
      }
      Map<String, RunSpec> missing = new LinkedHashMap<>();
      for (RunSpec r : pinned.runs()) {
        if (!done.containsKey(r.id())) {
          missing.putIfAbsent(r.id(), r);
        }
      }
      if (!missing.isEmpty()) {
        jsc.setJobDescription("sweep " + sweep.name() + ": " + label + (k < 0 ? "startup runs"
            : "TPE wave " + (k + 1)));
        List<RunResult> results = train(jsc, new ArrayList<>(missing.values()), pinned);
        store.append(sweep.name(), results);
        for (RunResult r : results) {
          done.put(r.runId(), r);
          epochs += r.epochsRun();
        }
      }
      int at = 0;
      for (int size : sizes) {
        List<RunSpec> these = pinned.runs().subList(at, at + size);
        at += size;
        List<Double> metrics = these.stream().map(r -> search.metric().of(done.get(r.id()))).toList();
        history.add(new TpeSampler.Scored(these.get(0), TpeSampler.mean(metrics)));
        seedsOf.put(these.get(0).id(), these.stream().map(RunSpec::id).toList());
      }
      console.printf(Locale.ROOT, "tpe: %s%s %d points, best %s %s%n", label, k < 0 ? "startup:"
          : "wave " + (k + 1) + ":", history.size(), search.metric().label(), best(history, seedsOf));
      console.flush();
    }
  }

  /** The best point's mean metric so far, with its seeds' spread (min–max) when it has several. */
  private String best(List<TpeSampler.Scored> history, Map<String, List<String>> seedsOf) {
    TpeSampler.Scored best = null;
    for (TpeSampler.Scored s : history) {
      boolean better = best == null || Double.isNaN(best.metric()) || (search.metric().maximised()
          ? s.metric() > best.metric() : s.metric() < best.metric());
      if (!Double.isNaN(s.metric()) && better) {
        best = s;
      }
    }
    if (best == null) {
      return "NaN";
    }
    List<String> replicas = seedsOf.get(best.spec().id());
    if (replicas.size() == 1) {
      return String.format(Locale.ROOT, "%.4f", best.metric());
    }
    DoubleSummaryStatistics spread = replicas.stream().mapToDouble(id -> search.metric().of(done.get(id)))
        .summaryStatistics();
    return String.format(Locale.ROOT, "%.4f (mean of %d seeds, %.4f-%.4f)", best.metric(), replicas.size(),
        spread.getMin(), spread.getMax());
  }

  /** The stored runs, typed, by id: the newest row of each ({@link ResultStore#latestRunRows}). */
  static Map<String, RunResult> storedResults(ResultStore store) {
    Map<String, RunResult> out = new HashMap<>();
    if (store.hasRuns()) {
      for (Row row : store.latestRunRows()) {
        out.put(row.getAs("run_id"), ResultSchema.read(row).result());
      }
    }
    return out;
  }

  /** Trains {@code runs} (of {@code pinned}), one task each; each run's result once, in order. */
  private static List<RunResult> train(JavaSparkContext jsc, List<RunSpec> runs, SweepInputs pinned) {
    Broadcast<HashMap<String, RunInputs>> shipped = jsc.broadcast(new HashMap<>(pinned.inputs()));
    List<RunResult> results = jsc.parallelize(runs, runs.size())
        .map(r -> Trainer.run(r, SweepInputs.of(shipped.value(), r))).collect();
    shipped.destroy();
    Map<String, RunResult> once = new LinkedHashMap<>();
    results.forEach(r -> once.putIfAbsent(r.runId(), r));
    return new ArrayList<>(once.values());
  }
}
