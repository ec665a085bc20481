package rnnlab.jobs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import rnnlab.report.Table;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;

/**
 * Spark SQL over one or more result stores, with tables {@code runs} and {@code curves}.
 *
 * <p>Usage: {@code ./submit.sh query RESULTS_DIR... "SQL" [--csv FILE] [--limit N]}, e.g.
 * {@code ./submit.sh query out "SELECT cell, window, avg(test_accuracy) FROM runs GROUP BY cell, window"}.
 * The answer is printed as a table (at most {@code --limit} rows) or written whole to a CSV file.
 */
public final class QueryJob {

  private QueryJob() {}

  /** As {@link #run(SparkSession, List, String, int)}, in a session of its own (see {@link Sessions}). */
  public static Table run(List<Path> dirs, String sql, int limit) {
    return Sessions.with("rnnlab query", spark -> run(spark, dirs, sql, limit));
  }

  /**
   * Runs {@code sql} over the stores in {@code dirs} and returns the answer as a table of text cells
   * (arrays as {@code [a, b, ...]}, null as empty).
   *
   * @param limit most rows returned; 0 for all
   * @throws BadInputException when a folder is not a result store or the SQL is not valid for the tables
   */
  public static Table run(SparkSession spark, List<Path> dirs, String sql, int limit) {
    StoreTables tables = StoreTables.read(spark, dirs);
    tables.register();
    Dataset<Row> answer;
    try {
      answer = spark.sql(sql);
    } catch (Exception e) { // Spark throws AnalysisException (checked) without declaring it
      if (!(e instanceof AnalysisException)) {
        throw e;
      }
      throw new BadInputException(Problem.of("SQL", e.getMessage().strip() + "\n(tables: runs, curves;"
          + " columns: see ./submit.sh query DIR \"DESCRIBE runs\")"));
    }
    List<Row> rows = limit > 0 ? answer.limit(limit).collectAsList() : answer.collectAsList();
    Table.Builder t = Table.with(answer.columns());
    for (Row r : rows) {
      Object[] cells = new Object[r.size()];
      for (int i = 0; i < r.size(); i++) {
        cells[i] = r.isNullAt(i) ? null
            : answer.schema().fields()[i].dataType() instanceof ArrayType ? list(r.getList(i)) : r.get(i);
      }
      t.row(cells);
    }
    return t.build();
  }

  /** Prints {@code table} to {@code out}, or writes it to {@code csv} when that is not null. */
  public static void write(Table table, Path csv, PrintWriter out) throws IOException {
    if (csv == null) {
      out.print(table.text());
      out.println("(" + table.rows().size() + " rows)");
    } else {
      Path parent = csv.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(csv, table.csv(), StandardCharsets.UTF_8);
      out.println("wrote " + table.rows().size() + " rows to " + csv);
    }
    out.flush();
  }

  private static String list(List<Object> values) {
    List<String> parts = new ArrayList<>();
    values.forEach(v -> parts.add(Table.format(v)));
    return "[" + String.join(", ", parts) + "]";
  }
}
