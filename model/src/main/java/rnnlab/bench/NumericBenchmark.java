package rnnlab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rnnlab.numeric.Cells;
import rnnlab.numeric.NumericModel;
import rnnlab.spec.CellType;
import rnnlab.spec.RunSpec;
import rnnlab.spec.SequenceSet;
import rnnlab.spec.TrainingMode;
import rnnlab.train.Datasets;
import rnnlab.train.RunSeeds;

/**
 * Times the training part of the lab's test run in the numeric engine (1000 sequences of length 10,
 * 10 epochs, SGD lr 0.1, per-tensor clip 5) for every cell type, both modes (per-sequence, and minibatch
 * with batch 16) and S1 = 20 and 100: the median wall time and the median CPU time of the benchmark thread
 * (steadier than wall time on a loaded machine) of several runs after warm-up runs, the fastest CPU time
 * (the least disturbed run, when other processes share the cores), and GFLOP/s at the median CPU time
 * from {@link rnnlab.numeric.Cell#flopsPerStep()} plus 4 FLOP per parameter per update (clipping's sum
 * of squares and the SGD step); the table's FLOP/step column includes that update share.
 * Only the epochs are timed: data generation, model creation and evaluation are not. Cells the numeric
 * engine does not have yet are skipped with a note.
 *
 * <p>Usage, after {@code mvn -o -q -DskipTests package} (which writes {@code model/target/classpath.txt}):
 * <pre>
 * java -cp "$(cat model/target/classpath.txt):model/target/classes" rnnlab.bench.NumericBenchmark [--quick]
 *     [--runs N] [--warmup N] [--cells rnn,lstm,gru,ftdnn] [--modes per-sequence,minibatch] [--s1 20,100]
 * </pre>
 * {@code --quick}: 2 warm-up runs and 3 timed runs per case instead of 5 and 9 (default); {@code --cells},
 * {@code --modes} and {@code --s1}: only these cell types, modes (by label) and hidden sizes.
 */
public final class NumericBenchmark {

  private NumericBenchmark() {}

  /**
   * One case's result: median and fastest wall ms of the timed runs, median and fastest CPU ms of the
   * benchmark thread, and GFLOP/s at the median CPU time.
   */
  record Timing(double medianMs, double minMs, double cpuMs, double minCpuMs, double flopPerStep,
      double gflops) {}

  public static void main(String[] args) {
    int warmup = 5;
    int runs = 9;
    List<CellType> cells = List.of(CellType.values());
    List<TrainingMode> modes = List.of(TrainingMode.values());
    int[] sizes = {20, 100};
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> {
          warmup = 2;
          runs = 3;
        }
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--cells" -> cells = Arrays.stream(args[++i].split(",")).map(NumericBenchmark::cell).toList();
        case "--modes" -> modes = Arrays.stream(args[++i].split(",")).map(NumericBenchmark::mode).toList();
        case "--s1" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        default -> {
          System.err.println("usage: NumericBenchmark [--quick] [--runs N] [--warmup N] [--cells LIST]"
              + " [--modes LIST] [--s1 LIST]; unknown: " + args[i]);
          System.exit(2);
        }
      }
    }
    System.out.printf(Locale.ROOT, "Numeric engine, training part of the lab's test run (1000 x 10, 10"
        + " epochs), median of %d runs after %d warm-up runs, one thread.%n%n", runs, warmup);
    System.out.println("| cell | mode | S1 | FLOP/step | median ms | min ms | median CPU ms | min CPU ms"
        + " | GFLOP/s (CPU) |");
    System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    List<String> notes = new ArrayList<>();
    for (CellType cell : cells) {
      for (TrainingMode mode : modes) {
        for (int s1 : sizes) {
          RunSpec spec = RunSpec.LAB.with(Map.of("cell", cell, "mode", mode, "hidden", s1));
          try {
            Cells.create(spec);
          } catch (IllegalArgumentException e) {
            String note = cell.label() + " skipped: " + e.getMessage();
            if (!notes.contains(note)) {
              notes.add(note);
            }
            continue;
          }
          Timing t = time(spec, warmup, runs);
          System.out.printf(Locale.ROOT, "| %s | %s | %d | %,.0f | %.1f | %.1f | %.1f | %.1f | %.2f |%n",
              cell.label(), mode.label(), s1, t.flopPerStep(), t.medianMs(), t.minMs(), t.cpuMs(),
              t.minCpuMs(), t.gflops());
        }
      }
    }
    if (!notes.isEmpty()) {
      System.out.println();
      notes.forEach(n -> System.out.println("- " + n));
    }
  }

  private static CellType cell(String label) {
    for (CellType c : CellType.values()) {
      if (c.label().equalsIgnoreCase(label)) {
        return c;
      }
    }
    System.err.println("--cells: unknown cell '" + label + "', expected one of rnn, lstm, gru, ftdnn");
    System.exit(2);
    throw new AssertionError();
  }

  private static TrainingMode mode(String label) {
    for (TrainingMode m : TrainingMode.values()) {
      if (m.label().equalsIgnoreCase(label)) {
        return m;
      }
    }
    System.err.println("--modes: unknown mode '" + label + "', expected per-sequence or minibatch");
    System.exit(2);
    throw new AssertionError();
  }

  /** Times {@code spec}'s epochs: a fresh model from the same seed for every run, sequences in order. */
  static Timing time(RunSpec spec, int warmup, int runs) {
    Datasets data = Datasets.of(spec, RunSeeds.of(spec.seed()));
    SequenceSet train = data.train();
    int[] order = new int[train.count()];
    Arrays.setAll(order, i -> i);
    double[] ms = new double[runs];
    double[] cpu = new double[runs];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double sink = 0;
    for (int r = -warmup; r < runs; r++) {
      NumericModel model = NumericModel.create(spec, RunSeeds.of(spec.seed()).weights());
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (int e = 0; e < spec.epochs(); e++) {
        sink += model.trainEpoch(train, order).loss();
      }
      long t1 = System.nanoTime();
      long c1 = threads.getCurrentThreadCpuTime();
      if (r >= 0) {
        ms[r] = (t1 - t0) / 1e6;
        cpu[r] = (c1 - c0) / 1e6;
      }
    }
    if (Double.isNaN(sink)) {
      System.out.println("(note: " + spec.cell().label() + " reached a NaN loss)");
    }
    Arrays.sort(ms);
    Arrays.sort(cpu);
    double median = median(ms);
    double cpuMedian = median(cpu);
    int per = spec.mode() == TrainingMode.PER_SEQUENCE ? 1 : spec.batchSize();
    long updates = (train.count() + per - 1) / per;
    NumericModel model = NumericModel.create(spec, RunSeeds.of(spec.seed()).weights());
    double epochFlop = (double) Cells.create(spec).flopsPerStep() * train.realSteps()
        + 4.0 * model.parameterCount() * updates;
    double flop = epochFlop * spec.epochs();
    return new Timing(median, ms[0], cpuMedian, cpu[0], epochFlop / train.realSteps(),
        flop / (cpuMedian * 1e6));
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
