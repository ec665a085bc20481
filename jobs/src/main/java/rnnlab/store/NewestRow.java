package rnnlab.store;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The one rule by which a run stored more than once is seen (a failed run retried with
 * {@code sweep --retry-failed}): its newest row, the one with the latest {@code start_time} (a missing one
 * counts as oldest), then from the latest batch file. It is written once, as {@link #ORDER}, and applied
 * either on the driver ({@link #of(Iterable)}) or as Spark SQL ({@link #of(Dataset)}).
 */
final class NewestRow {

  /** The column holding the batch file a row was read from. */
  static final String FILE = "_file";
  /** The columns that order a run's rows, compared in turn, the greatest value newest, null oldest. */
  static final List<String> ORDER = List.of("start_time", FILE);

  private static final String KEY = "run_id";
  private static final String RANK = "_rank";
  /** Rows of one run, oldest first. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Comparator<Row> OLDEST_FIRST = ORDER.stream()
      .map(c -> Comparator.comparing((Row r) -> (Comparable) r.getAs(c),
          Comparator.nullsFirst(Comparator.naturalOrder())))
      .reduce(Comparator::thenComparing).orElseThrow();

  private NewestRow() {}

  /** The newest of {@code rows} per run id, by run id in the order first seen; rows hold {@link #ORDER}. */
  static Map<String, Row> of(Iterable<Row> rows) {
    Map<String, Row> newest = new LinkedHashMap<>();
    for (Row row : rows) {
      newest.merge(row.getAs(KEY), row, (a, b) -> OLDEST_FIRST.compare(a, b) > 0 ? a : b);
    }
    return newest;
  }

  /** The same rule as Spark SQL: the newest of {@code rows} per run id; rows hold {@link #ORDER}. */
  static Dataset<Row> of(Dataset<Row> rows) {
    Column[] order = ORDER.stream().map(c -> col(c).desc_nulls_last()).toArray(Column[]::new);
    return rows.withColumn(RANK, row_number().over(Window.partitionBy(KEY).orderBy(order)))
        .where(col(RANK).equalTo(1)).drop(RANK);
  }
}
