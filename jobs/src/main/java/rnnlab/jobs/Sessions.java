package rnnlab.jobs;

import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a job started from the command line. The master comes from spark-submit
 * ({@code submit.sh}, {@code conf/}), never from code. An already active session (a test's, a notebook's)
 * is used and left open.
 *
 * <p>The command classes call jobs only through methods that open their session here, so that no command
 * class mentions a Spark type: {@code submit.sh} runs the Spark-free commands as plain Java, without
 * Spark's jars on the classpath.
 */
public final class Sessions {

  private Sessions() {}

  /** Applies {@code job} to the active session, or to a new one named {@code app} that is closed after. */
  public static <T> T with(String app, Function<SparkSession, T> job) {
    var active = SparkSession.getActiveSession();
    if (active.isDefined()) {
      return job.apply(active.get());
    }
    try (SparkSession spark = SparkSession.builder().appName(app).getOrCreate()) {
      return job.apply(spark);
    }
  }
}
