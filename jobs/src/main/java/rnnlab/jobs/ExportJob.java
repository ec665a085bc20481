package rnnlab.jobs;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import rnnlab.spec.BadInputException;
import rnnlab.spec.NdArray;
import rnnlab.spec.Problem;
import rnnlab.spec.RunState;
import rnnlab.store.ResultSchema;
import rnnlab.store.ResultStore;
import rnnlab.store.StoreLocation;
import rnnlab.sweep.SweepFile;
import rnnlab.train.RunResult;

/**
 * A stored run's final weights, read back from its result store to be written as {@code .npy} files in the
 * lab's names (what {@code train --init-weights} reads), so that the best run of a sweep is used without
 * training it again.
 *
 * <p>Usage: {@code ./submit.sh export RUN_ID --from RESULTS_DIR --out W}; the store may be any location
 * {@link rnnlab.store.StoreLocation} reads ({@code hdfs://...} included). The run is the store's newest row
 * of that id ({@link ResultStore#latestRunRow}). It starts no Spark session: {@code submit.sh} runs it as
 * plain Java.
 */
public final class ExportJob {

  /** Most ids suggested for an unknown one. */
  private static final int SUGGESTIONS = 3;

  private ExportJob() {}

  /**
   * The stored result of run {@code runId} in the store {@code dir}, with its final weights. Read on the
   * calling thread with Parquet's own reader (no Spark session): the store's ids and start times, then the
   * run's one row. Hadoop's settings (for {@code hdfs://} stores) come from the classpath, as
   * {@code HADOOP_CONF_DIR} puts them there.
   *
   * @throws BadInputException about {@code --from} when {@code dir} is not a result store; about
   *                           {@code RUN_ID} when the store has no such run (naming the closest ids it has),
   *                           or the run has no weights (a failed run, or one stored before schema version
   *                           3), or they are not finite (a diverged run)
   */
  public static RunResult read(String runId, String dir) {
    Configuration conf = StoreLocation.hadoopSettings();
    try {
      StoreTables.check(List.of(dir), conf);
    } catch (BadInputException e) {
      throw e.about("--from");
    }
    ResultStore store = ResultStore.at(StoreLocation.of(dir, conf));
    Optional<Row> row = store.latestRunRow(runId);
    if (row.isEmpty()) {
      List<String> ids = List.copyOf(store.states().keySet());
      throw new BadInputException(Problem.of("RUN_ID", "no run " + runId + " in " + dir + " (" + ids.size()
          + " runs stored)" + closest(runId, ids)));
    }
    ResultSchema.StoredResult stored = ResultSchema.read(row.get());
    RunResult r = stored.result();
    if (r.weights() == null) {
      String why = r.state() == RunState.FAILED ? "it failed: " + r.message()
          : "it was stored with schema version " + stored.schemaVersion() + ", before runs kept their final"
              + " weights (version 3)";
      throw new BadInputException(Problem.of("RUN_ID", "run " + runId + " (" + r.state().label()
          + ") has no stored weights: " + why));
    }
    for (Map.Entry<String, NdArray> t : r.weights().tensors().entrySet()) {
      for (double v : t.getValue().data()) {
        if (!Double.isFinite(v)) {
          throw new BadInputException(Problem.of("RUN_ID", "run " + runId + " (" + r.state().label()
              + ") has " + v + " in its final " + t.getKey() + ": weights that are not finite cannot start a"
              + " run"));
        }
      }
    }
    return r;
  }

  /** "; closest stored ids: a, b" for the ids that start with {@code id} or are a few edits away, else "". */
  private static String closest(String id, List<String> ids) {
    List<String> near = ids.stream()
        .filter(k -> k.startsWith(id) || SweepFile.editDistance(id, k) <= Math.max(2, id.length() / 4))
        .sorted(Comparator.comparingInt((String k) -> k.startsWith(id) ? 0 : SweepFile.editDistance(id, k))
            .thenComparing(Comparator.naturalOrder()))
        .limit(SUGGESTIONS).toList();
    return near.isEmpty() ? "" : "; closest stored ids: " + String.join(", ", near);
  }
}
