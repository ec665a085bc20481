package rnnlab.jobs;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import rnnlab.search.TpeSampler;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.store.ResultSchema;
import rnnlab.store.ResultStore;
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

  private TpeDriver() {}

  static SearchJob.Summary run(SparkSession spark, Sweep sweep, String out, ResultStore store,
      PrintWriter console) {
    long start = System.currentTimeMillis();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Search search = sweep.search();
    TpeSampler sampler = new TpeSampler(sweep);
    Map<String, RunResult> done = storedResults(store);
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
      wave.stream().filter(r -> !done.containsKey(r.id())).forEach(r -> missing.putIfAbsent(r.id(), r));
      if (!missing.isEmpty()) {
        jsc.setJobDescription("sweep " + sweep.name() + (k < 0 ? ": startup runs" : ": TPE wave " + (k + 1)));
        List<RunResult> results = train(jsc, new ArrayList<>(missing.values()), pinned);
        store.append(sweep.name(), results);
        for (RunResult r : results) {
          done.put(r.runId(), r);
          epochs += r.epochsRun();
        }
      }
      for (RunSpec r : wave) {
        history.add(TpeSampler.Scored.of(done.get(r.id()), search.metric()));
      }
      double best = history.stream().mapToDouble(TpeSampler.Scored::metric).filter(v -> !Double.isNaN(v))
          .reduce(search.metric().maximised() ? Math::max : Math::min).orElse(Double.NaN);
      console.printf(Locale.ROOT, "tpe: %s %d runs, best %s %.4f%n", k < 0 ? "startup:" : "wave " + (k + 1)
          + ":", history.size(), search.metric().label(), best);
      console.flush();
    }
    Set<String> ids = new HashSet<>();
    Map<RunState, Integer> counts = new EnumMap<>(RunState.class);
    for (TpeSampler.Scored s : history) {
      if (ids.add(s.spec().id())) {
        counts.merge(done.get(s.spec().id()).state(), 1, Integer::sum);
      }
    }
    return SearchJob.Summary.of("tpe", counts, epochs, epochs, System.currentTimeMillis() - start,
        store.location());
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
