package rnnlab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import rnnlab.dl4j.Dl4jModel;
import rnnlab.dl4j.MemoryUse;
import rnnlab.numeric.Cells;
import rnnlab.numeric.NumericModel;
import rnnlab.spec.CellType;
import rnnlab.spec.Network;
import rnnlab.spec.RunSpec;
import rnnlab.spec.RunState;
import rnnlab.spec.SequenceSet;
import rnnlab.spec.TrainingMode;
import rnnlab.train.Datasets;
import rnnlab.train.RunResult;
import rnnlab.train.RunSeeds;
import rnnlab.train.Trainer;

/**
 * The numeric engine against DL4J in one process: the lab's test run (RNN, per-sequence, S1 = 20, 1000 x 10)
 * and minibatch runs (batch 16, 1000 x 10) at several S1 for the RNN and the LSTM. For each case and engine,
 * the median wall time per epoch of the timed runs after warm-up runs, each a fresh model from the same seed
 * trained for {@code --epochs} epochs; only the epochs are timed. Prints a Markdown table with the
 * DL4J/numeric ratio and GFLOP/s counted with {@link rnnlab.numeric.Cell#flopsPerStep()} for both engines.
 *
 * <p>With {@code --memory N} it instead trains N small DL4J runs one after another through
 * {@link Trainer#run} and prints heap, off-heap, workspace and physical memory (after a GC) every 50 runs
 * ({@code --every}); minibatch runs unless {@code --per-sequence}.
 *
 * <p>Usage, after {@code mvn -o -q -DskipTests package} (which writes {@code model/target/classpath.txt}):
 * <pre>
 * OMP_NUM_THREADS=1 java -cp "$(cat model/target/classpath.txt):model/target/classes" \
 *     rnnlab.bench.EngineBenchmark [--quick] [--runs N] [--warmup N] [--epochs N] [--sizes 20,100,300]
 *     [--cells rnn,lstm] [--memory N [--every N] [--per-sequence]]
 * </pre>
 * {@code --epochs}: epochs per timed run (default 2).
 * {@code --quick}: 1 warm-up and 3 timed runs per case instead of 2 and 5.
 */
public final class EngineBenchmark {

  private EngineBenchmark() {}

  /** Median and fastest wall time of the timed runs, in ms. */
  record Timing(double medianMs, double minMs) {}

  public static void main(String[] args) {
    int warmup = 2;
    int runs = 5;
    int epochs = 2;
    int memoryRuns = 0;
    int every = 50;
    TrainingMode memoryMode = TrainingMode.MINIBATCH;
    int[] sizes = {20, 100, 300};
    List<CellType> cells = List.of(CellType.RNN, CellType.LSTM);
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--quick" -> {
            warmup = 1;
            runs = 3;
          }
          case "--runs" -> runs = Integer.parseInt(args[++i]);
          case "--warmup" -> warmup = Integer.parseInt(args[++i]);
          case "--epochs" -> epochs = Integer.parseInt(args[++i]);
          case "--memory" -> memoryRuns = Integer.parseInt(args[++i]);
          case "--every" -> every = Integer.parseInt(args[++i]);
          case "--per-sequence" -> memoryMode = TrainingMode.PER_SEQUENCE;
          case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
          case "--cells" -> cells = Arrays.stream(args[++i].split(","))
              .map(c -> CellType.valueOf(c.toUpperCase(Locale.ROOT))).toList();
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
    } catch (RuntimeException e) {
      System.err.println("usage: EngineBenchmark [--quick] [--runs N] [--warmup N] [--epochs N]"
          + " [--sizes 20,100,300] [--cells rnn,lstm] [--memory N [--every N] [--per-sequence]]; "
          + e.getMessage());
      System.exit(2);
    }
    if (memoryRuns > 0) {
      memory(memoryRuns, every, memoryMode);
    } else {
      speed(cells, sizes, epochs, warmup, runs);
    }
  }

  private static void speed(List<CellType> cells, int[] sizes, int epochs, int warmup, int runs) {
    System.out.printf(Locale.ROOT, "Numeric vs DL4J (double, one thread): ms per epoch of 1000 sequences of"
        + " length 10, median of %d runs of %d epoch(s) after %d warm-up run(s).%n%n", runs, epochs, warmup);
    System.out.println("| run | cell | S1 | numeric ms/epoch | DL4J ms/epoch | DL4J / numeric"
        + " | numeric GFLOP/s | DL4J GFLOP/s |");
    System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    List<String> notes = new ArrayList<>();
    row("lab test run (per-sequence)", RunSpec.LAB, epochs, warmup, runs, notes);
    for (CellType cell : cells) {
      for (int s1 : sizes) {
        RunSpec spec = RunSpec.LAB.with(Map.of("cell", cell, "mode", TrainingMode.MINIBATCH, "hidden", s1));
        row("minibatch 16", spec, epochs, warmup, runs, notes);
      }
    }
    notes.forEach(n -> System.out.println("- " + n));
  }

  private static void row(String name, RunSpec spec, int epochs, int warmup, int runs, List<String> notes) {
    long flops;
    try {
      flops = Cells.create(spec).flopsPerStep();
    } catch (IllegalArgumentException e) {
      notes.add(spec.cell().label() + " S1=" + spec.hidden() + " skipped: " + e.getMessage());
      return;
    }
    Datasets data = Datasets.of(spec, RunSeeds.of(spec.seed()));
    Timing numeric = time(spec, data.train(), epochs, warmup, runs, NumericModel::create);
    Timing dl4j = time(spec, data.train(), epochs, warmup, runs, Dl4jModel::create);
    double flop = (double) flops * data.train().realSteps();
    double numericMs = numeric.medianMs() / epochs;
    double dl4jMs = dl4j.medianMs() / epochs;
    System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f | %.2f | %.2f | %.2f |%n", name,
        spec.cell().label(), spec.hidden(), numericMs, dl4jMs, dl4jMs / numericMs, flop / (numericMs * 1e6),
        flop / (dl4jMs * 1e6));
  }

  /** Times {@code epochs} epochs of a fresh model per run, sequences in order. */
  static Timing time(RunSpec spec, SequenceSet train, int epochs, int warmup, int runs,
      BiFunction<RunSpec, SplittableRandom, Network> factory) {
    int[] order = new int[train.count()];
    Arrays.setAll(order, i -> i);
    double[] ms = new double[runs];
    double sink = 0;
    for (int r = -warmup; r < runs; r++) {
      Network model = factory.apply(spec, RunSeeds.of(spec.seed()).weights());
      long t0 = System.nanoTime();
      for (int e = 0; e < epochs; e++) {
        sink += model.trainEpoch(train, order).loss();
      }
      long t1 = System.nanoTime();
      if (r >= 0) {
        ms[r] = (t1 - t0) / 1e6;
      }
    }
    if (!Double.isFinite(sink)) {
      System.out.println("(note: " + spec.cell().label() + " S1=" + spec.hidden() + " reached loss " + sink
          + ")");
    }
    Arrays.sort(ms);
    double median = runs % 2 == 1 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
    return new Timing(median, ms[0]);
  }

  /**
   * Trains {@code n} small DL4J runs (RNN, S1 = 20, 100 sequences of length 10, 2 epochs, each its own seed)
   * one after another and prints memory after the first run and every {@code every} runs.
   */
  private static void memory(int n, int every, TrainingMode mode) {
    RunSpec base = RunSpec.LAB.with(Map.of("engine", "dl4j", "mode", mode, "samples", 100,
        "test_samples", 50, "epochs", 2));
    System.out.printf(Locale.ROOT, "%d DL4J runs one after another in one JVM (rnn, %s, S1=20, 100 x 10,"
        + " 2 epochs, evaluation included)%n%n", n, mode.label());
    System.out.println("| runs | heap MiB | JavaCPP off-heap MiB | workspaces MiB | physical MiB |");
    System.out.println("| ---: | ---: | ---: | ---: | ---: |");
    for (int i = 1; i <= n; i++) {
      RunResult r = Trainer.run(base.with("seed", i));
      if (r.state() != RunState.OK) {
        throw new IllegalStateException("run " + i + " ended " + r.state() + ": " + r.message());
      }
      if (i == 1 || i % every == 0) {
        System.out.printf(Locale.ROOT, "| %d | %s |%n", i, MemoryUse.measure().row());
      }
    }
  }
}
