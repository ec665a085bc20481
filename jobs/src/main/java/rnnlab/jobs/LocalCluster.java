package rnnlab.jobs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on 127.0.0.1 made of this JVM's own jars: a master and N workers, each a
 * child process. Usage: {@code ./submit.sh cluster start [--workers N]}, then
 * {@code ./submit.sh sweep FILE --master $(cat .cluster/master-url)}, then {@code ./submit.sh cluster stop}.
 *
 * <p>Everything listens on loopback only ({@code SPARK_LOCAL_IP=127.0.0.1}, {@code --host 127.0.0.1}).
 * {@code spark.authenticate} is on with a secret generated at start and kept in {@code DIR/secret.conf}
 * (readable by its owner only, never on a command line), so that other users of the machine cannot
 * submit to the cluster. The folder {@code DIR} also holds {@code master-url}, the daemons' logs and pids,
 * their work folders, and {@code spark-home/jars}: links to the jars, which Spark's workers need to build
 * their executors' class path.
 */
public final class LocalCluster implements AutoCloseable {

  private static final String MASTER = "org.apache.spark.deploy.master.Master";
  private static final String WORKER = "org.apache.spark.deploy.worker.Worker";
  private static final long START_TIMEOUT_MS = 120_000;

  private final Path dir;
  private final String masterUrl;
  private final String secret;
  private final List<Process> processes;

  private LocalCluster(Path dir, String masterUrl, String secret, List<Process> processes) {
    this.dir = dir;
    this.masterUrl = masterUrl;
    this.secret = secret;
    this.processes = processes;
  }

  /**
   * Starts a master and {@code workers} workers with {@code cores} cores and {@code memory} each, and waits
   * until every worker has registered.
   *
   * @param dir the cluster's folder (created); must not hold a running cluster
   * @throws IllegalStateException when the cluster does not come up, with the end of the failing log
   */
  public static LocalCluster start(Path dir, int workers, int cores, String memory) {
    try {
      Files.createDirectories(dir);
      if (Files.exists(dir.resolve("pids")) && running(dir)) {
        throw new IllegalStateException("a cluster is running already in " + dir + " ("
            + Files.readString(dir.resolve("master-url")).trim() + "); stop it first");
      }
      String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
      Path conf = privateFile(dir.resolve("secret.conf"),
          "spark.authenticate true\nspark.authenticate.secret " + secret + "\n");
      Path home = sparkHome(dir);
      int port = freePort();
      String url = "spark://127.0.0.1:" + port;
      List<Process> processes = new ArrayList<>();
      LocalCluster cluster = new LocalCluster(dir, url, secret, processes);
      try {
        int webUi = freePort();
        processes.add(launch(dir, home, "master", MASTER, "--host", "127.0.0.1", "--port", "" + port,
            "--webui-port", "" + webUi, "--properties-file", conf.toString()));
        for (int i = 1; i <= workers; i++) {
          Path work = Files.createDirectories(dir.resolve("work-" + i));
          processes.add(launch(dir, home, "worker-" + i, WORKER, url, "--host", "127.0.0.1", "--cores",
              "" + cores, "--memory", memory, "--work-dir", work.toString(), "--webui-port", "" + freePort(),
              "--properties-file", conf.toString()));
        }
        Files.writeString(dir.resolve("pids"), String.join("\n",
            processes.stream().map(p -> Long.toString(p.pid())).toList()) + "\n");
        Files.writeString(dir.resolve("master-url"), url + "\n");
        awaitWorkers(dir, webUi, workers, processes);
        return cluster;
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a cluster in " + dir, e);
    }
  }

  /** The master's URL, {@code spark://127.0.0.1:PORT}. */
  public String masterUrl() {
    return masterUrl;
  }

  /** The cluster's {@code spark.authenticate.secret}: applications must set it to submit. */
  public String secret() {
    return secret;
  }

  /** The cluster's folder. */
  public Path dir() {
    return dir;
  }

  /** Stops the daemons this object started (and their executors). */
  @Override
  public void close() {
    for (Process p : processes) {
      destroy(p.toHandle());
    }
    deletePids(dir);
  }

  /**
   * Stops the cluster recorded in {@code dir} by a {@code start} in another JVM.
   *
   * @return how many daemons were stopped
   */
  public static int stop(Path dir) {
    int stopped = 0;
    for (long pid : pids(dir)) {
      Optional<ProcessHandle> h = ProcessHandle.of(pid);
      if (h.isPresent() && h.get().isAlive() && isDaemon(h.get())) {
        destroy(h.get());
        stopped++;
      }
    }
    deletePids(dir);
    return stopped;
  }

  /** True when a daemon recorded in {@code dir} is alive. */
  public static boolean running(Path dir) {
    return pids(dir).stream().map(ProcessHandle::of)
        .anyMatch(h -> h.isPresent() && h.get().isAlive() && isDaemon(h.get()));
  }

  private static boolean isDaemon(ProcessHandle h) {
    String cmd = h.info().commandLine().orElse("");
    return cmd.contains(MASTER) || cmd.contains(WORKER);
  }

  private static void destroy(ProcessHandle h) {
    List<ProcessHandle> children = h.descendants().toList();
    h.destroy();
    try {
      h.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      h.destroyForcibly();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  private static List<Long> pids(Path dir) {
    try {
      Path file = dir.resolve("pids");
      return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank())
          .map(l -> Long.parseLong(l.trim())).toList() : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deletePids(Path dir) {
    try {
      Files.deleteIfExists(dir.resolve("pids"));
      Files.deleteIfExists(dir.resolve("master-url"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Process launch(Path dir, Path home, String name, String mainClass, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")
            || a.startsWith("-Dorg.bytedeco.javacpp.cachedir"))
        .toList());
    cmd.add("-cp");
    cmd.add(home.resolve("jars") + File.separator + "*");
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.12");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("OMP_NUM_THREADS", "1");
    return pb.start();
  }

  /** {@code DIR/spark-home/jars}: links to every jar on this JVM's class path ({@code dir/*} entries too). */
  private static Path sparkHome(Path dir) throws IOException {
    Path jars = dir.resolve("spark-home").resolve("jars");
    if (Files.exists(jars)) {
      try (var old = Files.list(jars)) {
        for (Path p : old.toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(jars);
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      List<Path> found = new ArrayList<>();
      if (entry.endsWith("*")) {
        try (var listed = Files.list(Path.of(entry.substring(0, entry.length() - 1)))) {
          listed.forEach(found::add);
        }
      } else {
        found.add(Path.of(entry));
      }
      for (Path jar : found) {
        Path link = jars.resolve(jar.getFileName().toString());
        if (jar.toString().endsWith(".jar") && Files.isRegularFile(jar) && !Files.exists(link)) {
          Files.createSymbolicLink(link, jar.toAbsolutePath());
        }
      }
    }
    return dir.resolve("spark-home");
  }

  private static Path privateFile(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** Waits until the master's status page ({@code /json/}) counts {@code workers} alive workers. */
  private static void awaitWorkers(Path dir, int webUi, int workers, List<Process> processes)
      throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webUi + "/json/"))
        .timeout(Duration.ofSeconds(5)).build();
    Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    int up = 0;
    try {
      while (System.currentTimeMillis() < deadline && processes.stream().allMatch(Process::isAlive)) {
        try {
          Matcher m = alive.matcher(http.send(status, HttpResponse.BodyHandlers.ofString()).body());
          up = m.find() ? Integer.parseInt(m.group(1)) : 0;
          if (up >= workers) {
            return;
          }
        } catch (IOException e) {
          up = 0; // the master's web server is not up yet
        }
        Thread.sleep(500);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Path log = dir.resolve(up == 0 ? "master.log" : "worker-" + (up + 1) + ".log");
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    throw new IllegalStateException("the cluster did not come up (" + up + " of " + workers
        + " workers registered); the end of " + log + ":\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
