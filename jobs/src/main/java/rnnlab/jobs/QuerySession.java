package rnnlab.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.TerminalBuilder;
import rnnlab.report.Table;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;

/**
 * An interactive query session over the views of {@link StoreTables}: Spark starts once, then each
 * statement (ended by {@code ;}) or dot command ({@link #HELP}) is answered in turn. A failed statement
 * prints its error and the session goes on. On a terminal it reads lines with JLine (editing, history in
 * {@code ~/.rnnlab_query_history}); otherwise it reads standard input line by line, without prompts.
 */
public final class QuerySession {

  /** What {@code .help} prints. */
  static final String HELP = """
      SQL statements end with ';' and may span lines. Tables: runs (newest row of each run), all_runs
      (every stored row), curves (one row per run and epoch).
        .tables          the tables
        .schema [TABLE]  columns and types of TABLE (of every table without one)
        .format FORMAT   answers as table, csv, json or markdown
        .limit N         most rows printed (0 for all)
        .csv FILE        write the last answer whole to FILE as CSV
        .help            this text
        .quit            end the session (so does end of input)
      """;

  private static final List<String> TABLES = List.of("runs", "all_runs", "curves");

  private final SparkSession spark;
  private final StoreTables tables;
  private final PrintWriter out;
  private final PrintWriter err;
  private QueryJob.Format format;
  private int limit;
  private String lastSql;
  private int errors;

  private QuerySession(SparkSession spark, StoreTables tables, QueryJob.Format format, int limit,
      PrintWriter out, PrintWriter err) {
    this.spark = spark;
    this.tables = tables;
    this.format = format;
    this.limit = limit;
    this.out = out;
    this.err = err;
  }

  /** One line of input at a time; null at its end. */
  private interface Lines {
    String next(String prompt) throws IOException;
  }

  /**
   * Runs a session over the stores in {@code dirs} on standard input, in a Spark session of its own (see
   * {@link Sessions}), until {@code .quit} or the end of input.
   *
   * @return 0, or 2 when standard input is not a terminal and a statement or command failed (for scripts)
   * @throws BadInputException when a folder is not a result store
   */
  public static int run(List<String> dirs, QueryJob.Format format, int limit, PrintWriter out,
      PrintWriter err) {
    return Sessions.with("rnnlab query session", spark -> {
      QuerySession session = new QuerySession(spark, QueryJob.open(spark, dirs), format, limit, out, err);
      boolean terminal = System.console() != null;
      try {
        session.loop(terminal ? jline() : plain());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read standard input", e);
      }
      return !terminal && session.errors > 0 ? 2 : 0;
    });
  }

  /** Lines read from a terminal with JLine: editing, history; Ctrl-C drops the line, Ctrl-D ends. */
  private static Lines jline() throws IOException {
    LineReader reader = LineReaderBuilder.builder().terminal(TerminalBuilder.builder().system(true).build())
        .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".rnnlab_query_history"))
        .build();
    return prompt -> {
      try {
        return reader.readLine(prompt);
      } catch (UserInterruptException e) {
        return "";
      } catch (EndOfFileException e) {
        return null;
      }
    };
  }

  /** Lines of standard input when it is not a terminal (piped commands): no prompt, no echo. */
  private static Lines plain() {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    return prompt -> in.readLine();
  }

  private void loop(Lines lines) throws IOException {
    for (String note : tables.notes()) {
      err.println("note: " + note);
    }
    StringBuilder statement = new StringBuilder();
    for (String line = lines.next("rnnlab> "); line != null;
        line = lines.next(statement.isEmpty() ? "rnnlab> " : "   ...> ")) {
      String text = line.strip();
      if (statement.isEmpty() && text.startsWith(".")) {
        if (!command(text)) {
          return;
        }
      } else if (!text.isEmpty()) {
        statement.append(statement.isEmpty() ? "" : "\n").append(text);
        if (text.endsWith(";")) {
          query(statement.substring(0, statement.length() - 1));
          statement.setLength(0);
        }
      }
      out.flush();
      err.flush();
    }
    if (!statement.isEmpty()) { // the last statement of piped input may lack its ';'
      query(statement.toString());
    }
  }

  /** Runs the dot command {@code text}; false when it ends the session. */
  private boolean command(String text) {
    String[] words = text.split("\\s+", 2);
    String arg = words.length > 1 ? words[1].strip() : "";
    try {
      switch (words[0]) {
        case ".quit", ".exit" -> {
          return false;
        }
        case ".help" -> out.print(HELP);
        case ".tables" -> out.println(String.join("  ", TABLES));
        case ".schema" -> schema(arg);
        case ".format" -> format = QueryJob.Format.parse(arg, ".format");
        case ".limit" -> limit = limit(arg);
        case ".csv" -> csv(arg);
        default -> throw new BadInputException(Problem.of(words[0],
            "no such command; .help lists them"));
      }
    } catch (BadInputException e) {
      fail(e);
    }
    return true;
  }

  private void query(String sql) {
    try {
      out.print(QueryJob.run(spark, tables, sql, limit).render(format));
      lastSql = sql;
    } catch (BadInputException e) {
      fail(e);
    } catch (RuntimeException e) { // a query that fails while running (Spark's errors): its message
      errors++;
      err.println("error: " + e.getMessage());
    }
  }

  private void schema(String table) {
    for (String t : table.isEmpty() ? TABLES : List.of(table)) {
      if (!TABLES.contains(t)) {
        throw new BadInputException(Problem.of(".schema", "no table '" + t + "'; tables: "
            + String.join(", ", TABLES)));
      }
      Table.Builder columns = Table.with(t, "type");
      for (StructField f : spark.table(t).schema().fields()) {
        columns.row(f.name(), f.dataType().simpleString());
      }
      out.print(columns.build().text());
    }
  }

  private void csv(String file) {
    if (file.isEmpty()) {
      throw new BadInputException(Problem.of(".csv", "expected a file name"));
    }
    if (lastSql == null) {
      throw new BadInputException(Problem.of(".csv", "no answer yet: run a query first"));
    }
    try {
      QueryJob.write(QueryJob.run(spark, tables, lastSql, 0), format, Path.of(file), out);
    } catch (IOException e) {
      throw new BadInputException(Problem.of(".csv", "cannot write " + file + ": " + e.getMessage()));
    }
  }

  private static int limit(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadInputException(Problem.of(".limit", "expected an integer >= 0, got '" + text + "'"));
  }

  private void fail(BadInputException e) {
    errors++;
    e.problems().forEach(p -> err.println("error: " + p));
  }
}
