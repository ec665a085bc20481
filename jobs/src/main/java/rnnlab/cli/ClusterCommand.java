package rnnlab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rnnlab.jobs.LocalCluster;
import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;

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

  @Option(names = "--memory", paramLabel = "SIZE",
      description = "memory per worker (default: ${DEFAULT-VALUE})")
  String memory = "1536m";

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "${env:RNNLAB_CLUSTER_DIR:-.cluster}",
      description = "the cluster's folder, where --master cluster finds it (default: ${DEFAULT-VALUE};"
          + " submit.sh sets RNNLAB_CLUSTER_DIR to the checkout's .cluster)")
  Path dir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      switch (action) {
        case "start" -> {
          List<Problem> problems = new ArrayList<>();
          if (workers < 1) {
            problems.add(Problem.of("--workers", "expected 1 or more, got " + workers));
          }
          if (cores < 1) {
            problems.add(Problem.of("--cores", "expected 1 or more, got " + cores));
          }
          if (!memory.matches("[1-9][0-9]*[mMgG]")) {
            problems.add(Problem.of("--memory", "expected a size like 1536m or 2g, got '" + memory + "'"));
          }
          Commands.check(problems);
          LocalCluster cluster = LocalCluster.start(dir, workers, cores, memory);
          out.println(cluster.masterUrl());
          err.println("cluster up: " + workers + " worker(s) x " + cores + " core(s); logs in " + dir
              + "; run: ./submit.sh sweep FILE --master cluster");
        }
        case "stop" -> err.println("stopped " + LocalCluster.stop(dir) + " daemon(s)");
        case "status" -> {
          boolean up = LocalCluster.running(dir);
          out.println(up ? "running: " + Files.readString(dir.resolve("master-url")).trim() : "stopped");
          return up ? 0 : 1;
        }
        default -> throw new BadInputException(Problem.of("ACTION", "expected start, stop or status, got '"
            + action + "'"));
      }
      return 0;
    } finally {
      out.flush();
      err.flush();
    }
  }
}
