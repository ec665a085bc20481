package rnnlab.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import rnnlab.spec.Choice;
import rnnlab.spec.RunSpec;
import rnnlab.train.RunResult;

/**
 * The schemas of the result store, in one place.
 *
 * <p>{@code runs}: {@code run_id}, {@code sweep}, then every {@link RunSpec} key as its own typed column
 * (enums as their labels), then the outcome ({@code state}, {@code message}, {@code final_loss},
 * {@code loss_curve}, {@code grad_norm_curve}, accuracies, {@code probe_outputs}, {@code probe_correct},
 * {@code epochs_run}, {@code wall_ms}, {@code param_count}) and the provenance ({@code rnnlab_version},
 * {@code libraries}, {@code java_version}, {@code os_arch}, {@code host}, {@code git_commit},
 * {@code start_time}).
 *
 * <p>{@code curves}: {@code run_id}, {@code epoch} (1-based), {@code loss}, {@code grad_norm}, and
 * {@code test_accuracy}, set on the last epoch only (where it was evaluated), else null.
 */
public final class ResultSchema {

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
  };

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
        p.gitCommit(), Timestamp.from(Instant.parse(p.startTime()))));
    return RowFactory.create(values.toArray());
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

  /** The spec stored in a {@code runs} row (read with {@link #RUNS}). */
  public static RunSpec specOf(Row row) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String key : RunSpec.keys()) {
      values.put(key, row.get(row.fieldIndex(key)));
    }
    return RunSpec.of(values);
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
    return new StructField(name, type, false, org.apache.spark.sql.types.Metadata.empty());
  }
}
