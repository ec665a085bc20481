package rnnlab.cli;

import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a command. The master comes from spark-submit ({@code submit.sh}, {@code conf/}),
 * never from code. An already active session (a test's, a notebook's) is used and left open.
 */
final class Spark {

  private Spark() {}

  /** Applies {@code job} to the active session, or to a new one named {@code app} that is closed after. */
  static <T> T withSession(String app, Function<SparkSession, T> job) {
    var active = SparkSession.getActiveSession();
    if (active.isDefined()) {
      return job.apply(active.get());
    }
    try (SparkSession spark = SparkSession.builder().appName(app).getOrCreate()) {
      return job.apply(spark);
    }
  }
}
