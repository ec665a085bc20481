package rnnlab.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import rnnlab.report.Table;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Spark SQL over one or more result stores, with tables {@code runs}, {@code all_runs} and {@code curves}
 * ({@link StoreTables}).
 *
 * <p>Usage: {@code ./submit.sh query RESULTS_DIR... "SQL" [--format F] [--csv FILE] [--limit N]}, e.g.
 * {@code ./submit.sh query out "SELECT cell, window, avg(test_accuracy) FROM runs GROUP BY cell, window"};
 * without the SQL, a session ({@link QuerySession}). The array columns of {@link #HIDDEN} are in an answer
 * only when the query names them: {@code SELECT *} prints no raw weights.
 */
public final class QueryJob {

  /** Array columns left out of an answer unless the query names them. */
  public static final List<String> HIDDEN = List.of("final_weights", "loss_curve", "grad_norm_curve",
      "probe_outputs");

  /**
   * Spark SQL settings for questions over small tables, each unless set already (in conf/spark-defaults.conf
   * or by --conf): no whole-stage code generation (compiling it costs more than it saves on a few thousand
   * rows) and no adaptive re-planning.
   */
  private static final Map<String, String> SMALL_TABLES = Map.of("spark.sql.codegen.wholeStage", "false",
      "spark.sql.adaptive.enabled", "false");

  /** Writes the rows of a JSON answer (Jackson comes with Spark). */
  private static final ObjectMapper JSON = new ObjectMapper();

  private QueryJob() {}

  /** How an answer is written. */
  public enum Format {
    /** Columns padded for the console, numbers to 4 significant digits, then the row count. */
    TABLE,
    /** RFC 4180 CSV with a header line, numbers in full. */
    CSV,
    /** A JSON array of one object per row, typed values, numbers in full. */
    JSON,
    /** A GitHub-flavoured Markdown table, numbers to 4 significant digits. */
    MARKDOWN;

    /**
     * The format named {@code text} (any case).
     *
     * @throws BadInputException naming {@code key} (the option or command) when there is none
     */
    public static Format parse(String text, String key) {
      try {
        return valueOf(text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new BadInputException(Problem.of(key, "expected table, csv, json or markdown, got '" + text
            + "'"));
      }
    }
  }

  /**
   * The answer to a query.
   *
   * @param shown  cells as printed (numbers to 4 significant digits, arrays as {@code [a, b]}, null empty)
   * @param exact  the same cells in full ({@link Double#toString}), for CSV
   * @param json   one JSON object per row
   * @param hidden the array columns left out ({@link #HIDDEN})
   */
  public record Answer(Table shown, Table exact, List<String> json, List<String> hidden) {

    /** The answer in {@code format}. */
    public String render(Format format) {
      return switch (format) {
        case TABLE -> shown.text() + "(" + shown.rows().size() + " rows"
            + (hidden.isEmpty() ? "" : "; not shown: " + String.join(", ", hidden)
                + ", name them to see them")
            + ")\n";
        case CSV -> exact.csv();
        case JSON -> json.isEmpty() ? "[]\n" : "[\n" + String.join(",\n", json) + "\n]\n";
        case MARKDOWN -> shown.markdown();
      };
    }
  }

  /** As {@link #run(SparkSession, StoreTables, String, int)}, in a session of its own ({@link Sessions}). */
  public static Answer run(List<String> dirs, String sql, int limit) {
    return Sessions.with("rnnlab query", spark -> {
      StoreTables tables = open(spark, dirs);
      return run(spark, tables, sql, limit);
    });
  }

  /** As {@link #run(SparkSession, StoreTables, String, int)} on the stores in {@code dirs}. */
  public static Answer run(SparkSession spark, List<String> dirs, String sql, int limit) {
    return run(spark, open(spark, dirs), sql, limit);
  }

  /**
   * Reads the stores in {@code dirs}, registers their views and applies the settings for small tables.
   *
   * @throws BadInputException when a folder is not a result store
   */
  static StoreTables open(SparkSession spark, List<String> dirs) {
    SMALL_TABLES.forEach((key, value) -> {
      if (!spark.conf().contains(key)) {
        spark.conf().set(key, value);
      }
    });
    StoreTables tables = StoreTables.read(spark, dirs);
    tables.register();
    return tables;
  }

  /**
   * Runs {@code sql} over the registered views of {@code tables} and returns the answer.
   *
   * @param limit most rows returned; 0 for all
   * @throws BadInputException when the SQL is not valid for the tables
   */
  public static Answer run(SparkSession spark, StoreTables tables, String sql, int limit) {
    Dataset<Row> answer;
    try {
      answer = spark.sql(sql);
    } catch (Exception e) { // Spark throws AnalysisException (checked) without declaring it
      if (!(e instanceof AnalysisException analysis)) {
        throw e;
      }
      throw new BadInputException(Problem.of("SQL", analysis.getSimpleMessage().strip()
          + "\n(tables: runs, all_runs, curves; columns: see ./submit.sh query DIR \"DESCRIBE runs\")"));
    }
    List<String> hidden = new ArrayList<>();
    for (String column : answer.columns()) {
      if (HIDDEN.contains(column) && !named(sql, column)) {
        hidden.add(column);
      }
    }
    answer = answer.drop(hidden.toArray(String[]::new));
    List<Row> rows = limit > 0 ? answer.limit(limit).collectAsList() : answer.collectAsList();
    StructField[] fields = answer.schema().fields();
    Table.Builder shown = Table.with(answer.columns());
    Table.Builder exact = Table.with(answer.columns());
    List<String> json = new ArrayList<>();
    for (Row r : rows) {
      Object[] cells = new Object[r.size()];
      Object[] full = new Object[r.size()];
      Map<String, Object> object = new LinkedHashMap<>();
      for (int i = 0; i < r.size(); i++) {
        Object value = r.isNullAt(i) ? null : javaValue(r.get(i));
        boolean array = fields[i].dataType() instanceof ArrayType;
        cells[i] = value == null ? null : array ? list((List<?>) value, Table::format) : value;
        full[i] = value == null ? null
            : array ? list((List<?>) value, String::valueOf) : String.valueOf(value);
        object.put(fields[i].name(), value);
      }
      shown.row(cells);
      exact.row(full);
      json.add(json(object));
    }
    return new Answer(shown.build(), exact.build(), json, List.copyOf(hidden));
  }

  private static String json(Map<String, Object> object) {
    try {
      return JSON.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + object + " as JSON", e);
    }
  }

  /** True when {@code sql} names {@code column} as a word. */
  private static boolean named(String sql, String column) {
    return Pattern.compile("\\b" + column + "\\b", Pattern.CASE_INSENSITIVE).matcher(sql).find();
  }

  /** A value of a row as plain Java: sequences as lists, structs as maps, timestamps as ISO-8601 text. */
  private static Object javaValue(Object value) {
    if (value instanceof Seq<?> seq) {
      List<Object> list = new ArrayList<>();
      JavaConverters.seqAsJavaList(seq).forEach(v -> list.add(javaValue(v)));
      return list;
    }
    if (value instanceof Row row) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < row.size(); i++) {
        map.put(row.schema().fields()[i].name(), row.isNullAt(i) ? null : javaValue(row.get(i)));
      }
      return map;
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant().toString();
    }
    return value;
  }

  private static String list(List<?> values, Function<Object, String> cell) {
    List<String> parts = new ArrayList<>();
    values.forEach(v -> parts.add(cell.apply(v)));
    return "[" + String.join(", ", parts) + "]";
  }

  /**
   * Prints {@code answer} to {@code out} in {@code format}, or writes it whole to {@code csv} as CSV when
   * that is not null.
   */
  public static void write(Answer answer, Format format, Path csv, PrintWriter out) throws IOException {
    if (csv == null) {
      out.print(answer.render(format));
    } else {
      Path parent = csv.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(csv, answer.render(Format.CSV), StandardCharsets.UTF_8);
      out.println(String.format(Locale.ROOT, "wrote %d rows to %s", answer.shown().rows().size(), csv));
    }
    out.flush();
  }
}
