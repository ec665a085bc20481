package rnnlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rnnlab.jobs.LocalCluster;

/** {@code cluster start|stop|status}: a loopback standalone Spark cluster from the project's jars. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = {"Starts, stops or shows a Spark standalone cluster on 127.0.0.1 (a master and N workers)",
        "with spark.authenticate and a generated secret. submit.sh uses it for --master cluster."})
final class ClusterCommand implements Callable<Integer> {

  @Parameters(paramLabel = "ACTION", description = "start, stop or status")
  String action;

  @Option(names = "--workers", paramLabel = "N", description = "workers (default: ${DEFAULT-VALUE})")
  int workers = 2;

  @Option(names = "--cores", paramLabel = "N", description = "cores per worker (default: ${DEFAULT-VALUE})")
  int cores = 1;

  @Option(names = "--memory", paramLabel = "SIZE", description = "memory per worker (default: ${DEFAULT-VALUE})")
  String memory = "1536m";

  @Option(names = "--dir", paramLabel = "DIR", description = "the cluster's folder (default: ${DEFAULT-VALUE})")
  Path dir = Path.of(".cluster");

  @Override
  public Integer call() throws Exception {
    switch (action) {
      case "start" -> {
        if (workers < 1 || cores < 1 || !memory.matches("[1-9][0-9]*[mMgG]")) {
          System.err.println("error: expected --workers >= 1, --cores >= 1 and --memory like 1536m or 2g");
          return Main.BAD_INPUT;
        }
        LocalCluster cluster = LocalCluster.start(dir, workers, cores, memory);
        System.out.println(cluster.masterUrl());
        System.err.println("cluster up: " + workers + " worker(s) x " + cores + " core(s); logs in " + dir
            + "; run: ./submit.sh sweep FILE --master cluster");
      }
      case "stop" -> System.err.println("stopped " + LocalCluster.stop(dir) + " daemon(s)");
      case "status" -> {
        boolean up = LocalCluster.running(dir);
        System.out.println(up ? "running: " + Files.readString(dir.resolve("master-url")).trim() : "stopped");
        return up ? 0 : 1;
      }
      default -> {
        System.err.println("error: ACTION: expected start, stop or status, got '" + action + "'");
        return Main.BAD_INPUT;
      }
    }
    return 0;
  }
}
