package rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.npy.NpyData;
import rnnlab.task.ParityTask;

/**
 * The documentation's commands, run as a user runs them: every {@code ./submit.sh ...} line in a fenced
 * block of {@code README.md}, then of {@code docs/*.md} (by name), runs as a real process through
 * {@code submit.sh} in one scratch folder, in document order, and must exit 0 (or the code its
 * {@code # exit N} comment states) without printing a stack trace. A line that ends with
 * {@code # not run: REASON} is shown to the reader as not run, and skipped here with its reason printed.
 * Placeholders are replaced by {@link #substitutions}; {@code RUN_ID} by the first run id the latest command
 * printed (as a user copies one from a query's answer). Every option the documents show for a command must be
 * named by that command's {@code --help}.
 *
 * <p>Tagged {@code commands}: {@code .ci/run} runs it after {@code mvn verify}, on the jar that build made.
 */
@Tag("commands")
class DocumentedCommandsTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Pattern NOT_RUN = Pattern.compile("#\\s*not run:\\s*(\\S.*)$");
  private static final Pattern EXIT = Pattern.compile("#\\s*exit\\s+(\\d+)\\s*$");
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*)");
  private static final Pattern RUN_ID = Pattern.compile("\\b[0-9a-f]{16}\\b");
  private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
  /** The options submit.sh itself takes for every command (listed by {@code ./submit.sh --help}). */
  private static final Set<String> SUBMIT_OPTIONS = Set.of("--master", "--conf");
  private static final Set<String> COMMANDS =
      Set.of("demo", "train", "dtrain", "validate", "sweep", "report", "query", "export", "cluster");
  private static final long TIMEOUT_MINUTES = 10;

  @TempDir
  Path scratch;

  /** One documented command line: where it is, its text, and what the document says of it. */
  record Line(String file, int number, String command, int exitCode, String notRun) {
    String where() {
      return file + ":" + number;
    }
  }

  @Test
  void everyDocumentedCommandRuns() throws Exception {
    List<Line> lines = documentedLines();
    assertFalse(lines.isEmpty(), "no ./submit.sh line found in README.md or docs/");
    Files.createSymbolicLink(scratch.resolve("sweeps"), ROOT.resolve("sweeps"));
    MiniDFSCluster hdfs = lines.stream().anyMatch(l -> l.command().contains("hdfs://namenode:8020"))
        ? startHdfs() : null;
    List<String> failures = new ArrayList<>();
    try {
      Map<String, String> substitutions = substitutions(hdfs);
      String lastRunId = null;
      for (Line line : lines) {
        if (line.notRun() != null) {
          System.out.printf(Locale.ROOT, "[not run] %s %s (%s)%n", line.where(), line.command(),
              line.notRun());
          continue;
        }
        if (lastRunId != null) {
          substitutions.put("RUN_ID", lastRunId);
        }
        String command = substitute(line.command(), substitutions);
        Result r = run(command);
        Matcher id = RUN_ID.matcher(r.output());
        lastRunId = id.find() ? id.group() : lastRunId;
        System.out.printf(Locale.ROOT, "[exit %d, %.1f s] %s %s%n", r.code(), r.seconds(), line.where(),
            command);
        if (r.code() != line.exitCode()) {
          failures.add(line.where() + ": `" + command + "` exited " + r.code() + ", expected "
              + line.exitCode() + ":\n" + tail(r.output()));
        } else if (hasStackTrace(r.output())) {
          failures.add(line.where() + ": `" + command + "` printed a stack trace:\n" + tail(r.output()));
        }
      }
    } finally {
      if (Files.exists(ROOT.resolve(".cluster/master-url"))) {
        run(ROOT.resolve("submit.sh") + " cluster stop");
      }
      if (hdfs != null) {
        hdfs.shutdown();
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n\n", failures));
  }

  @Test
  void everyDocumentedOptionIsInItsCommandsHelp() throws Exception {
    Map<String, Set<String>> used = new TreeMap<>();
    for (Path doc : documents()) {
      for (String text : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
        Matcher span = CODE_SPAN.matcher(text);
        while (span.find()) {
          addOptions(span.group(1), used);
        }
      }
    }
    for (Line line : documentedLines()) {
      addOptions(line.command(), used);
    }
    assertTrue(used.containsKey("train") && used.containsKey("sweep"), "found no commands: " + used);
    Result top = run(ROOT.resolve("submit.sh") + " --help");
    assertEquals(0, top.code(), top.output());
    List<String> missing = new ArrayList<>();
    SUBMIT_OPTIONS.stream().filter(o -> !top.output().contains(o))
        .forEach(o -> missing.add("./submit.sh --help does not name " + o));
    for (Map.Entry<String, Set<String>> e : used.entrySet()) {
      Result help = run(ROOT.resolve("submit.sh") + " " + e.getKey() + " --help");
      assertEquals(0, help.code(), e.getKey() + " --help: " + help.output());
      e.getValue().stream().filter(o -> !SUBMIT_OPTIONS.contains(o) && !help.output().contains(o))
          .forEach(o -> missing.add(e.getKey() + " --help does not name " + o));
    }
    assertTrue(missing.isEmpty(), String.join("\n", missing));
  }

  @Test
  void everyShippedSweepValidates() throws Exception {
    List<Path> sweeps;
    try (Stream<Path> files = Files.list(ROOT.resolve("sweeps"))) {
      sweeps = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(sweeps.isEmpty(), "no sweep in sweeps/");
    List<String> failures = new ArrayList<>();
    for (Path sweep : sweeps) {
      Result r = run(ROOT.resolve("submit.sh") + " validate " + sweep);
      if (r.code() != 0 || hasStackTrace(r.output()) || !r.output().matches("(?s).*, \\d+ runs\\R.*")) {
        failures.add(ROOT.relativize(sweep) + ": exit " + r.code() + "\n" + tail(r.output()));
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n\n", failures));
  }

  /** The options that {@code text}, a command as documented, gives its command (if it names one). */
  private static void addOptions(String text, Map<String, Set<String>> used) {
    String[] words = text.replace("./submit.sh", " ").trim().split("\\s+");
    if (words.length == 0 || !COMMANDS.contains(words[0]) || text.contains("&&")) {
      return;
    }
    Matcher m = OPTION.matcher(text.replaceAll("#.*$", ""));
    while (m.find()) {
      used.computeIfAbsent(words[0], k -> new LinkedHashSet<>()).add(m.group(1));
    }
  }

  /** README.md, then every page of docs/ by name. */
  private static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    if (Files.isDirectory(ROOT.resolve("docs"))) {
      try (Stream<Path> pages = Files.walk(ROOT.resolve("docs"))) {
        pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
      }
    }
    return docs;
  }

  /** Every {@code ./submit.sh} line of the fenced blocks, continuation lines joined, in document order. */
  static List<Line> documentedLines() throws IOException {
    List<Line> lines = new ArrayList<>();
    for (Path doc : documents()) {
      List<String> text = Files.readAllLines(doc, StandardCharsets.UTF_8);
      String name = ROOT.relativize(doc).toString();
      boolean fenced = false;
      for (int i = 0; i < text.size(); i++) {
        String t = text.get(i).strip();
        if (t.startsWith("```")) {
          fenced = !fenced;
          continue;
        }
        if (!fenced || !t.startsWith("./submit.sh")) {
          continue;
        }
        int first = i;
        StringBuilder command = new StringBuilder();
        while (t.endsWith("\\") && i + 1 < text.size()) {
          command.append(t, 0, t.length() - 1).append(' ');
          t = text.get(++i).strip();
        }
        command.append(t);
        lines.add(line(name, first + 1, command.toString()));
      }
    }
    return lines;
  }

  private static Line line(String file, int number, String text) {
    Matcher notRun = NOT_RUN.matcher(text);
    if (notRun.find()) {
      return new Line(file, number, text.substring(0, notRun.start()).strip(), 0, notRun.group(1).strip());
    }
    Matcher exit = EXIT.matcher(text);
    int code = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
    String command = text.replaceAll("\\s#\\s.*$", "").strip();
    if (command.matches(".*(\\[|\\]|\\.\\.\\.).*")) {
      fail(file + ":" + number + ": `" + command + "` is a synopsis ([...], ...), not a command: write a"
          + " runnable example, or end it with '# not run: REASON'");
    }
    return new Line(file, number, command, code, null);
  }

  /**
   * What the documents' placeholders stand for here: {@code DIR} a folder of the lab's arrays, {@code W}
   * initial weights (written by {@code train --export-weights}), {@code E} and {@code F} new output paths,
   * {@code hdfs://namenode:8020} the in-process HDFS.
   */
  private Map<String, String> substitutions(MiniDFSCluster hdfs) throws Exception {
    Map<String, String> s = new LinkedHashMap<>();
    Path data = scratch.resolve("lab-data");
    NpyData.write(data, ParityTask.generate(200, 10, 10, 3, new SplittableRandom(7)));
    s.put("DIR", data.toString());
    Path weights = scratch.resolve("lab-weights");
    Result init = run(ROOT.resolve("submit.sh") + " train --epochs 1 --quiet --export-weights " + weights);
    assertEquals(0, init.code(), "making the initial weights W: " + init.output());
    s.put("W", weights.toString());
    s.put("E", scratch.resolve("exported-weights").toString());
    s.put("F", scratch.resolve("run-F.json").toString());
    if (hdfs != null) {
      s.put("hdfs://namenode:8020", "hdfs://127.0.0.1:" + hdfs.getNameNodePort());
    }
    return s;
  }

  private static String substitute(String command, Map<String, String> substitutions) {
    String c = command.replaceFirst("^\\./submit\\.sh", Matcher.quoteReplacement(ROOT + "/submit.sh"));
    for (Map.Entry<String, String> e : substitutions.entrySet()) {
      c = c.replaceAll("(?<![\\w/.-])" + Pattern.quote(e.getKey()) + "(?![\\w-])",
          Matcher.quoteReplacement(e.getValue()));
    }
    return c;
  }

  private MiniDFSCluster startHdfs() throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, scratch.resolve(".hdfs").toString());
    conf.setInt("dfs.replication", 1);
    return new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
  }

  static boolean hasStackTrace(String output) {
    return output.contains("Exception in thread") || output.contains("Caused by: ")
        || Pattern.compile("(?m)^\\s+at [\\w$.]+\\(").matcher(output).find();
  }

  private static String tail(String output) {
    String[] lines = output.split("\n");
    return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 25), lines.length));
  }

  record Result(int code, String output, double seconds) {}

  /** Runs {@code command} with bash in the scratch folder, stdout and stderr together. */
  private Result run(String command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(scratch, "command", ".log");
    long start = System.nanoTime();
    Process p = new ProcessBuilder("bash", "-c", command).directory(scratch.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
        .start();
    p.getOutputStream().close();
    if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      return new Result(-1, "timed out after " + TIMEOUT_MINUTES + " min\n" + Files.readString(log),
          (System.nanoTime() - start) / 1e9);
    }
    return new Result(p.exitValue(), Files.readString(log), (System.nanoTime() - start) / 1e9);
  }
}
