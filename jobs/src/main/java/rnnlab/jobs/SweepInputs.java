package rnnlab.jobs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import rnnlab.spec.BadInputException;
import rnnlab.store.HadoopFolders;
import rnnlab.train.RunInputs;
import rnnlab.spec.RunSpec;

/**
 * A sweep's runs pinned to their inputs: every {@code data} and {@code init_weights} folder read once, on the
 * driver, through {@link HadoopFolders}, and each run's spec pinned to their content (see {@link RunInputs}).
 * The inputs go to the tasks with the runs (a broadcast), so tasks never open a user's path.
 *
 * @param runs   the runs, pinned, in the sweep's order
 * @param inputs what each pinned run reads, by {@link #key}; runs on generated data with random initial
 *               weights have none
 */
public record SweepInputs(List<RunSpec> runs, Map<String, RunInputs> inputs) {

  /**
   * Reads the inputs of {@code runs}.
   *
   * @throws BadInputException about key {@code data} or {@code init_weights}, naming the file, when a folder
   *                           or file is missing, unreadable or malformed
   */
  public static SweepInputs read(List<RunSpec> runs, Configuration conf) {
    HadoopFolders folders = new HadoopFolders(conf);
    Map<String, RunInputs.Data> data = new HashMap<>();
    Map<String, RunInputs.InitWeights> weights = new HashMap<>();
    List<RunSpec> pinned = new ArrayList<>();
    Map<String, RunInputs> inputs = new HashMap<>();
    for (RunSpec spec : runs) {
      if (spec.data().isEmpty() && spec.initWeights().isEmpty()) {
        pinned.add(spec);
        continue;
      }
      RunInputs.Data d;
      try {
        d = spec.data().isEmpty() ? null : data.computeIfAbsent(spec.data(), v -> RunInputs.data(v, folders));
      } catch (BadInputException e) {
        throw e.about("data");
      }
      RunInputs.InitWeights w;
      try {
        w = spec.initWeights().isEmpty() ? null
            : weights.computeIfAbsent(spec.initWeights(), v -> RunInputs.weights(v, folders));
      } catch (BadInputException e) {
        throw e.about("init_weights");
      }
      RunInputs.Pinned p = RunInputs.pin(spec, d, w);
      pinned.add(p.spec());
      inputs.putIfAbsent(key(p.spec()), p.inputs());
    }
    return new SweepInputs(List.copyOf(pinned), Map.copyOf(inputs));
  }

  /** What pinned run {@code spec} reads, from {@code inputs} as {@link #read} made them. */
  public static RunInputs of(Map<String, RunInputs> inputs, RunSpec spec) {
    return inputs.getOrDefault(key(spec), RunInputs.NONE);
  }

  private static String key(RunSpec spec) {
    return spec.data() + "\n" + spec.initWeights();
  }
}
