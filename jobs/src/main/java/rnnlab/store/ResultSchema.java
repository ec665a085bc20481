package rnnlab.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import rnnlab.spec.Choice;
import rnnlab.spec.NdArray;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.spec.Weights;
import rnnlab.train.Provenance;
import rnnlab.train.RunResult;

/**
 * The schemas of the result store, in one place.
 *
 * <p>{@code runs}: {@code run_id}, {@code sweep}, then every {@link RunSpec} key as its own typed column
 * (enums as their labels), then the outcome ({@code state}, {@code message}, {@code final_loss},
 * {@code loss_curve}, {@code grad_norm_curve}, accuracies, {@code probe_outputs}, {@code probe_correct},
 * {@code epochs_run}, {@code wall_ms}, {@code param_count}) and the provenance ({@code rnnlab_version},
 * {@code libraries}, {@code java_version}, {@code os_arch}, {@code host}, {@code git_commit},
 * {@code start_time}), {@code trace} (a failed run's stack trace), {@code schema_version} and
 * {@code final_weights}: the parameters after the last epoch run, one {@code (name, shape, data)} entry per
 * tensor in the model's order under the lab's names ({@code LW_11}, {@code IW_11}, {@code b_1},
 * {@code LW_21}, {@code b_2} for the RNN), {@code data} in C order; null for a failed run. {@link #read}
 * turns a row back into a typed result.
 *
 * <p>{@code curves}: {@code run_id}, {@code epoch} (1-based), {@code loss}, {@code grad_norm}, and
 * {@code test_accuracy}, set on the last epoch only (where it was evaluated), else null.
 */
public final class ResultSchema {

  /** Columns absent from older stores, read as their defaults. */
  private static final Set<String> ADDED = Set.of("trace", "schema_version", "final_weights", "task",
      "delay");

  /** Columns after the spec's in {@link #RUNS}. */
  private static final StructField[] OUTCOME = {
      field("state", DataTypes.StringType),
      field("message", DataTypes.StringType),
      field("final_loss", DataTypes.DoubleType),
      field("loss_curve", DataTypes.createArrayType(DataTypes.DoubleType, false)),
      field("grad_norm_curve", DataTypes.createArrayType(DataTypes.DoubleType, false)),
      field("train_accuracy", DataTypes.DoubleType),
      field("test_accuracy", DataTypes.DoubleType),
      field("long_accuracy", DataTypes.DoubleType),
      field("probe_outputs", DataTypes.createArrayType(DataTypes.DoubleType, false)),
      field("probe_correct", DataTypes.IntegerType),
      field("epochs_run", DataTypes.IntegerType),
      field("wall_ms", DataTypes.LongType),
      field("param_count", DataTypes.IntegerType),
      field("rnnlab_version", DataTypes.StringType),
      field("libraries", DataTypes.StringType),
      field("java_version", DataTypes.StringType),
      field("os_arch", DataTypes.StringType),
      field("host", DataTypes.StringType),
      field("git_commit", DataTypes.StringType),
      field("start_time", DataTypes.TimestampType),
      field("trace", DataTypes.StringType),
      field("schema_version", DataTypes.IntegerType),
      field("final_weights", DataTypes.createArrayType(new StructType(new StructField[] {
          field("name", DataTypes.StringType),
          field("shape", DataTypes.createArrayType(DataTypes.IntegerType, false)),
          field("data", DataTypes.createArrayType(DataTypes.DoubleType, false))}), false)),
  };


  /**
   * The version of {@link #RUNS} this code writes, stored in every row's {@code schema_version}. 1: rnnlab
   * 0.1.0 (no {@code schema_version} or {@code trace} column; read as 1 and ""); 2: adds {@code trace}, the
   * stack trace of a failed run; 3: adds {@code final_weights}; 4: adds the spec keys {@code task} and
   * {@code delay} (read as counting-ones and 1 where missing). Columns are only ever added, each read as its
   * default where a store lacks it.
   */
  public static final int SCHEMA_VERSION = 4;

  /**
   * A {@code runs} row read back.
   *
   * @param sweep         the sweep that stored it
   * @param schemaVersion the {@link #SCHEMA_VERSION} it was written with
   * @param result        the run's result, typed; its spec is pinned as it was trained
   */
  public record StoredResult(String sweep, int schemaVersion, RunResult result) {}

  /** Schema of {@code runs/}. */
  public static final StructType RUNS = runsSchema();

  /** Schema of {@code curves/}. */
  public static final StructType CURVES = new StructType(new StructField[] {
      field("run_id", DataTypes.StringType),
      field("epoch", DataTypes.IntegerType),
      field("loss", DataTypes.DoubleType),
      field("grad_norm", DataTypes.DoubleType),
      new StructField("test_accuracy", DataTypes.DoubleType, true,
          org.apache.spark.sql.types.Metadata.empty()),
  });

  private ResultSchema() {}

  /** The {@code runs} row of {@code result}, produced by sweep {@code sweep}. */
  public static Row runRow(String sweep, RunResult result) {
    List<Object> values = new ArrayList<>();
    values.add(result.runId());
    values.add(sweep);
    values.addAll(result.spec().toMap().values());
    var p = result.provenance();
    values.addAll(List.of(result.state().label(), result.message(), result.finalLoss(), result.lossCurve(),
        result.gradNormCurve(), result.trainAccuracy(), result.testAccuracy(), result.longAccuracy(),
        result.probeOutputs(), result.probeCorrect(), result.epochsRun(), result.wallMs(),
        result.parameterCount(), p.rnnlabVersion(), p.libraries(), p.javaVersion(), p.osArch(), p.host(),
        p.gitCommit(), Timestamp.from(Instant.parse(p.startTime())), result.trace(), SCHEMA_VERSION));
    values.add(weightsRow(result.weights()));
    return RowFactory.create(values.toArray());
  }

  private static List<Row> weightsRow(Weights weights) {
    if (weights == null) {
      return null;
    }
    List<Row> tensors = new ArrayList<>();
    weights.tensors().forEach((name, a) -> tensors.add(RowFactory.create(name,
        Arrays.stream(a.shape()).boxed().toList(), Arrays.stream(a.data()).boxed().toList())));
    return tensors;
  }

  /** The weights in column {@code final_weights} of {@code row}, or null when it is missing or null. */
  private static Weights weightsOf(Row row) {
    int i = indexOf(row, "final_weights");
    if (i < 0 || row.isNullAt(i)) {
      return null;
    }
    Map<String, NdArray> tensors = new LinkedHashMap<>();
    for (Row t : row.<Row>getList(i)) {
      int[] shape = t.<Integer>getList(1).stream().mapToInt(Integer::intValue).toArray();
      double[] data = t.<Double>getList(2).stream().mapToDouble(Double::doubleValue).toArray();
      tensors.put(t.getString(0), new NdArray(shape, data));
    }
    return new Weights(tensors);
  }

  /**
   * The typed result a {@code runs} row holds (read with {@link #RUNS}): the one way back from the store.
   * Columns an older store lacks, or holds as null, read as their defaults: spec keys as {@link
   * RunSpec#LAB}'s, {@code trace} as "", {@code schema_version} as 1, {@code final_weights} as null.
   *
   * @throws rnnlab.spec.SpecException when the stored spec values do not make a valid spec
   */
  public static StoredResult read(Row row) {
    Provenance p = new Provenance(text(row, "engine", RunSpec.LAB.engine().label()), text(row,
        "rnnlab_version", ""),
        text(row, "libraries", ""), text(row, "java_version", ""), text(row, "os_arch", ""), text(row,
            "host", ""),
        text(row, "git_commit", ""), row.isNullAt(row.fieldIndex("start_time")) ? Instant.EPOCH.toString()
            : ((Timestamp) row.getAs("start_time")).toInstant().toString());
    RunResult result = new RunResult(specOf(row), Choice.parse(RunState.class, row.getAs("state")),
        text(row, "message", ""), doubles(row, "loss_curve"), doubles(row, "grad_norm_curve"),
        number(row, "train_accuracy"), number(row, "test_accuracy"), number(row, "long_accuracy"),
        doubles(row, "probe_outputs"), integer(row, "probe_correct"), integer(row, "epochs_run"),
        row.isNullAt(row.fieldIndex("wall_ms")) ? 0L : row.<Long>getAs("wall_ms"), integer(row,
            "param_count"),
        p, text(row, "trace", ""), weightsOf(row));
    int version = row.isNullAt(row.fieldIndex("schema_version")) ? 1 : row.<Integer>getAs("schema_version");
    return new StoredResult(text(row, "sweep", ""), version, result);
  }

  /** The state stored in a {@code runs} row. */
  public static RunState stateOf(Row row) {
    return Choice.parse(RunState.class, row.getAs("state"));
  }

  /** The {@code curves} rows of {@code result}, one per epoch run. */
  public static List<Row> curveRows(RunResult result) {
    List<Row> rows = new ArrayList<>();
    double[] loss = result.lossCurve();
    for (int e = 0; e < loss.length; e++) {
      Double accuracy = e == loss.length - 1 ? result.testAccuracy() : null;
      rows.add(RowFactory.create(result.runId(), e + 1, loss[e], result.gradNormCurve()[e], accuracy));
    }
    return rows;
  }

  /**
   * The spec stored in a {@code runs} row (read with {@link #RUNS}); a key whose column is missing or null (a
   * store older than the key) takes {@link RunSpec#LAB}'s value, which by the id rule keeps the run's id.
   */
  public static RunSpec specOf(Row row) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String key : RunSpec.keys()) {
      int i = indexOf(row, key);
      if (i >= 0 && !row.isNullAt(i)) {
        values.put(key, row.get(i));
      }
    }
    return RunSpec.of(values);
  }

  private static int indexOf(Row row, String column) {
    try {
      return row.fieldIndex(column);
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private static String text(Row row, String column, String missing) {
    int i = indexOf(row, column);
    return i < 0 || row.isNullAt(i) ? missing : row.getString(i);
  }

  private static double number(Row row, String column) {
    int i = indexOf(row, column);
    return i < 0 || row.isNullAt(i) ? Double.NaN : row.getDouble(i);
  }

  private static int integer(Row row, String column) {
    int i = indexOf(row, column);
    return i < 0 || row.isNullAt(i) ? 0 : row.getInt(i);
  }

  private static double[] doubles(Row row, String column) {
    int i = indexOf(row, column);
    if (i < 0 || row.isNullAt(i)) {
      return new double[0];
    }
    Object v = row.get(i);
    if (v instanceof double[] d) {
      return d.clone();
    }
    return row.<Double>getList(i).stream().mapToDouble(x -> x == null ? Double.NaN : x).toArray();
  }

  private static StructType runsSchema() {
    List<StructField> fields = new ArrayList<>();
    fields.add(field("run_id", DataTypes.StringType));
    fields.add(field("sweep", DataTypes.StringType));
    for (String key : RunSpec.keys()) {
      fields.add(field(key, sparkType(RunSpec.typeOf(key))));
    }
    fields.addAll(List.of(OUTCOME));
    return new StructType(fields.toArray(StructField[]::new));
  }

  private static DataType sparkType(Class<?> type) {
    if (type == int.class) {
      return DataTypes.IntegerType;
    } else if (type == long.class) {
      return DataTypes.LongType;
    } else if (type == double.class) {
      return DataTypes.DoubleType;
    } else if (type == boolean.class) {
      return DataTypes.BooleanType;
    } else if (type == String.class || Choice.class.isAssignableFrom(type)) {
      return DataTypes.StringType;
    }
    throw new IllegalStateException("no Parquet column type for spec values of " + type);
  }

  private static StructField field(String name, DataType type) {
    return new StructField(name, type, ADDED.contains(name),
        org.apache.spark.sql.types.Metadata.empty());
  }
}
