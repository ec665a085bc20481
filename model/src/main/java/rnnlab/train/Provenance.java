package rnnlab.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Properties;
import rnnlab.spec.Engine;

/**
 * What produced a result: the engine and library versions, the JVM, the machine and the code's commit.
 *
 * @param engine       engine label
 * @param rnnlabVersion this project's version
 * @param libraries    the engine's library versions (e.g. DL4J), or "none"
 * @param javaVersion  {@code java.version}
 * @param osArch       {@code os.arch}
 * @param host         host name of the machine that trained the run
 * @param gitCommit    commit the jar was built from, or "unknown"
 * @param startTime    when training started (ISO-8601, UTC)
 */
public record Provenance(String engine, String rnnlabVersion, String libraries, String javaVersion,
    String osArch, String host, String gitCommit, String startTime) implements Serializable {

  private static final Properties BUILD = loadBuild();

  /** The provenance of a run of {@code engine} starting now on this JVM. */
  public static Provenance now(Engine engine) {
    String libraries = engine != Engine.NUMERIC ? "deeplearning4j " + BUILD.getProperty("dl4j.version", "?")
        : "none";
    return new Provenance(engine.label(), BUILD.getProperty("version", "unknown"), libraries,
        System.getProperty("java.version"), System.getProperty("os.arch"), hostName(),
        BUILD.getProperty("git.commit", "unknown"), Instant.now().toString());
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static Properties loadBuild() {
    Properties p = new Properties();
    try (InputStream in = Provenance.class.getResourceAsStream("/rnnlab/build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // provenance is best effort: missing build info shows as "unknown"
    }
    return p;
  }
}
