package rnnlab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rnnlab.spec.CellType;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.train.RunResult;
import rnnlab.train.Trainer;

/**
 * The question the lab ends with, as an experiment: under one fixed budget, what is the longest window
 * each cell learns? Budget: 1000 training sequences of length 20, 30 epochs, S1 = 20, two training
 * set-ups (the lab's per-sequence SGD lr 0.1 with per-tensor clipping at 5, and minibatch-16 Adam lr 0.01),
 * two seeds. A window counts as learned when, with one of the set-ups, every seed reaches held-out
 * per-step accuracy {@value #LEARNED} on 500 fresh sequences of length 20. Windows are tried from 2 upwards;
 * a cell stops after two windows in a row that are not learned. The FTDNN's delay line equals the window.
 *
 * <p>Its "longest learned window" is not the report's memory horizon ({@code rnnlab.report.MemoryHorizon}
 * in the jobs module, computed from a result store): this experiment stops early and asks every seed to
 * learn, the report looks at a whole sweep and asks a fraction of the seeds.
 *
 * <p>Usage, after {@code mvn -o -q -pl model compile}:
 * <pre>
 * java -cp model/target/classes rnnlab.bench.LongestWindowExperiment [--cells rnn,lstm,gru,ftdnn]
 *     [--seeds N] [--max-window N] [--epochs N] [--samples N]
 * </pre>
 * It prints one line per window tried and then the summary table, in Markdown. At the defaults it runs for
 * several minutes on one core.
 */
public final class LongestWindowExperiment {

  /** Held-out accuracy at which a window counts as learned. */
  static final double LEARNED = 0.99;

  /** Windows in a row that are not learned before a cell stops. */
  private static final int MISSES = 2;

  /** The training set-ups each window is tried with, first to last until one learns it. */
  private static final Map<String, Map<String, Object>> SETUPS = new LinkedHashMap<>();

  static {
    SETUPS.put("per-sequence SGD lr 0.1", Map.of("mode", "per-sequence", "optimizer", "sgd", "lr", 0.1));
    SETUPS.put("minibatch-16 Adam lr 0.01", Map.of("mode", "minibatch", "optimizer", "adam", "lr", 0.01,
        "batch_size", 16));
  }

  private LongestWindowExperiment() {}

  public static void main(String[] args) {
    List<CellType> cells = List.of(CellType.values());
    int seeds = 2;
    int maxWindow = 20;
    int epochs = 30;
    int samples = 1000;
    try {
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--cells" -> cells = parseCells(value);
          case "--seeds" -> seeds = Integer.parseInt(value);
          case "--max-window" -> maxWindow = Integer.parseInt(value);
          case "--epochs" -> epochs = Integer.parseInt(value);
          case "--samples" -> samples = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      if (seeds < 1 || maxWindow < 2 || maxWindow > 20 || epochs < 1 || samples < 1) {
        throw new IllegalArgumentException("expected --seeds >= 1, --max-window in 2..20, --epochs >= 1, "
            + "--samples >= 1");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("LongestWindowExperiment: " + e.getMessage()
          + "\nusage: LongestWindowExperiment [--cells rnn,lstm,gru,ftdnn] [--seeds N] [--max-window 2..20]"
          + " [--epochs N] [--samples N]");
      System.exit(2);
      return;
    }
    Map<String, Object> budget = Map.of("samples", samples, "length", 20, "epochs", epochs, "hidden", 20,
        "test_samples", 500);
    System.out.printf(Locale.ROOT, "Longest learned window: %d sequences of length 20, %d epochs, S1 = 20,"
        + " %d seeds; learned = held-out accuracy >= %.2f for every seed with one set-up.%n%n", samples,
        epochs, seeds, LEARNED);
    System.out.println("| cell | window | set-up | held-out accuracy per seed | accuracy at length 100 | "
        + "learned | s |");
    System.out.println("| --- | ---: | --- | --- | --- | --- | ---: |");
    List<String> summary = new ArrayList<>();
    for (CellType cell : cells) {
      int longest = 0;
      int misses = 0;
      long t0 = System.nanoTime();
      for (int window = 2; window <= maxWindow && misses < MISSES; window++) {
        boolean learned = false;
        for (Map.Entry<String, Map<String, Object>> setup : SETUPS.entrySet()) {
          long w0 = System.nanoTime();
          StringBuilder acc = new StringBuilder();
          StringBuilder longAcc = new StringBuilder();
          boolean all = true;
          for (int seed = 0; seed < seeds; seed++) {
            Map<String, Object> keys = new LinkedHashMap<>(budget);
            keys.putAll(setup.getValue());
            keys.put("cell", cell);
            keys.put("window", window);
            keys.put("seed", seed);
            RunResult r = Trainer.train(RunSpec.LAB.with(keys), ProgressListener.NONE).result();
            acc.append(acc.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f",
                r.testAccuracy()));
            longAcc.append(longAcc.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f",
                r.longAccuracy()));
            all &= r.testAccuracy() >= LEARNED;
          }
          System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %.0f |%n", cell.label(), window,
              setup.getKey(), acc, longAcc, all ? "yes" : "no", (System.nanoTime() - w0) / 1e9);
          if (all) {
            learned = true;
            break;
          }
        }
        if (learned) {
          longest = window;
          misses = 0;
        } else {
          misses++;
        }
      }
      summary.add(String.format(Locale.ROOT, "| %s | %s | %.0f |", cell.label(),
          longest == 0 ? "none" : Integer.toString(longest), (System.nanoTime() - t0) / 1e9));
    }
    System.out.println();
    System.out.println("| cell | longest window learned | s |");
    System.out.println("| --- | ---: | ---: |");
    summary.forEach(System.out::println);
  }

  private static List<CellType> parseCells(String text) {
    List<CellType> out = new ArrayList<>();
    for (String name : text.split(",")) {
      out.add(rnnlab.spec.Choice.parse(CellType.class, name.trim()));
    }
    return out;
  }
}
