package rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.sweep.SweepFile;

/**
 * rnnlab's fANOVA against Optuna's (Debian's python3-optuna 3.1.0 with python3-sklearn, run by
 * {@code src/test/python/fanova_reference.py}) on the same table of runs: the runs of a shipped sweep (its
 * varied keys, ranges and draws as {@code SweepFile} expands them) with a metric made from their specs
 * (known effects of lr, optimizer, cell, window, samples and length, plus seeded noise). The two forests
 * draw different bootstrap samples, so the importances differ a little; the ranking of the top two keys
 * must be the same. Needs a python3 with optuna and sklearn; fails (never skips) without one.
 */
@Tag("python")
class FanovaReferenceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"optimizers.yaml", "asha-lr.yaml", "tpe-lr.yaml", "bench-grid.yaml",
      "data-size.yaml"})
  void topKeysRankAsOptunaRanksThem(String file) throws IOException, InterruptedException {
    List<RunSpec> specs = SweepFile.load(Path.of("..", "sweeps", file), SweepFile.DEFAULT_MAX_RUNS).runs();
    SplittableRandom noise = new SplittableRandom(7);
    List<StoredRun> runs = new ArrayList<>();
    for (RunSpec spec : specs) {
      double accuracy = metric(spec) + 0.01 * noise.nextDouble(-1, 1);
      runs.add(Runs.stored(file, Runs.result(spec, RunState.OK, accuracy, accuracy, 0.1)));
    }
    Importance.Study study = Importance.Study.of(runs, Aggregates.axes(runs), Metric.TEST_ACCURACY);
    List<Importance> ours = Importance.of(study, 0);
    Map<String, Double> optuna = reference(study);
    System.out.printf("%s: %d runs; rnnlab %s; optuna %s%n", file, study.metric().length, ours, optuna);
    List<String> ourTop = ours.stream().map(Importance::key).limit(2).toList();
    List<String> theirTop = optuna.keySet().stream().limit(2).toList();
    assertTrue(ours.size() >= 2, "at least two varied keys: " + ours);
    assertEquals(theirTop, ourTop, "top keys of " + file + ": rnnlab " + ours + ", optuna " + optuna);
  }

  /** A metric with known effects of the keys the shipped sweeps vary. */
  private static double metric(RunSpec spec) {
    Map<String, Object> v = spec.toMap();
    double lr = Math.log10(((Number) v.get("lr")).doubleValue());
    double m = 0.5 + 0.3 * Math.exp(-(lr + 1.5) * (lr + 1.5));
    m += Map.of("sgd", 0.0, "momentum", 0.03, "adam", 0.08, "rmsprop", 0.06).get((String) v.get("optimizer"));
    m += Map.of("rnn", 0.0, "lstm", 0.15, "gru", 0.12, "ftdnn", 0.05).get((String) v.get("cell"));
    m -= 0.02 * ((Number) v.get("window")).doubleValue();
    m += 0.05 * Math.log10(((Number) v.get("samples")).doubleValue());
    m -= 0.002 * ((Number) v.get("length")).doubleValue();
    return m;
  }

  private static Map<String, Double> reference(Importance.Study study) throws IOException,
      InterruptedException {
    List<Map<String, Object>> params = new ArrayList<>();
    for (Importance.Param p : study.params()) {
      Map<String, Object> param = new LinkedHashMap<>();
      param.put("key", p.key());
      if (p.numeric()) {
        param.put("low", p.low());
        param.put("high", p.high());
        param.put("integer", study.values().get(0).get(params.size()) instanceof Integer);
      } else {
        param.put("choices", p.choices());
      }
      params.add(param);
    }
    String input = JSON.writeValueAsString(Map.of("params", params, "values", study.values(),
        "metric", study.metric(), "seed", 0));
    for (String python : List.of("python3", "/usr/bin/python3")) {
      Process p;
      try {
        p = new ProcessBuilder(python, "src/test/python/fanova_reference.py").start();
      } catch (IOException e) {
        continue;
      }
      p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(python + " did not finish in 300 s");
      }
      if (p.exitValue() == 0) {
        @SuppressWarnings("unchecked")
        Map<String, Double> importances = JSON.readValue(out, LinkedHashMap.class);
        return importances;
      }
      if (!err.contains("ModuleNotFoundError")) {
        fail(python + " failed: " + err);
      }
    }
    return fail("no python3 with optuna and sklearn (tried python3, /usr/bin/python3): install Debian's"
        + " python3-optuna and python3-sklearn");
  }
}
