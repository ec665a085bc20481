import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import rnnlab.search.Tpe;

/**
 * How often a parallel TPE wave repeats or nearly repeats one of its own points, without and with the
 * constant liar, measured from the proposals alone: no training. Each simulated sweep has the space of
 * sweeps/tpe-lr.yaml (lr log-uniform [1e-4, 1], optimizer of 4) or of sweeps/tpe-asha.yaml (plus clip_norm
 * log-uniform [0.5, 20]), 10 random startup points, then waves of PARALLEL proposals up to 60 points, each
 * point scored by a fixed made-up held-out accuracy (adam and rmsprop best near lr 3e-3, sgd and momentum
 * near lr 0.3, clip norm near 5) so that TPE has somewhere to go. A proposal is a near repeat when another
 * point of its wave has the same choice and lies within 1% of the range (in log space for log ranges) on
 * every numeric key. "without" proposes every wave member from the same history (the sampler before the
 * liar); "with" counts the wave's earlier members as the worst results (Tpe.wave).
 *   java -cp jobs/target/classes:$HOME/.m2/repository/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar \
 *       jobs/bench/WaveRepeats.java
 */
public final class WaveRepeats {

  private static final int STARTUP = 10;
  private static final int BUDGET = 60;

  public static void main(String[] args) {
    System.out.println("near repeats (share of proposals) and best made-up accuracy of 60 points; median over"
        + " seeds 1-10 [min-max]");
    System.out.println("space     parallel  repeats without liar  repeats with liar  best without  best with");
    for (boolean clip : new boolean[] {false, true}) {
      for (int parallel : new int[] {5, 8}) {
        double[][] without = new double[2][10];
        double[][] with = new double[2][10];
        for (int seed = 1; seed <= 10; seed++) {
          double[] a = sweep(clip, parallel, seed, false);
          double[] b = sweep(clip, parallel, seed, true);
          for (int m = 0; m < 2; m++) {
            without[m][seed - 1] = a[m];
            with[m][seed - 1] = b[m];
          }
        }
        System.out.printf(Locale.ROOT, "%-9s %8d  %20s  %17s  %12s  %9s%n", clip ? "tpe-asha" : "tpe-lr", parallel,
            percent(without[0]), percent(with[0]), String.format(Locale.ROOT, "%.4f", median(without[1])),
            String.format(Locale.ROOT, "%.4f", median(with[1])));
      }
    }
  }

  private static List<Tpe.Parameter> space(boolean clip) {
    List<Tpe.Parameter> space = new ArrayList<>(List.of(new Tpe.Numeric(1e-4, 1, true, false),
        new Tpe.Categorical(4)));
    if (clip) {
      space.add(new Tpe.Numeric(0.5, 20, true, false));
    }
    return space;
  }

  /**
   * One simulated sweep: the share of its proposals that nearly repeat another point of their wave, and the
   * best accuracy of its points.
   */
  private static double[] sweep(boolean clip, int parallel, long seed, boolean liar) {
    List<Tpe.Parameter> space = space(clip);
    Tpe tpe = new Tpe(space);
    SplittableRandom draws = new SplittableRandom(seed);
    List<Tpe.Trial> history = new ArrayList<>();
    for (int i = 0; i < STARTUP; i++) {
      double[] x = new double[space.size()];
      x[0] = Math.exp(Math.log(1e-4) + draws.nextDouble() * (Math.log(1) - Math.log(1e-4)));
      x[1] = draws.nextInt(4);
      if (clip) {
        x[2] = Math.exp(Math.log(0.5) + draws.nextDouble() * (Math.log(20) - Math.log(0.5)));
      }
      history.add(new Tpe.Trial(x, -accuracy(x)));
    }
    SplittableRandom waves = new SplittableRandom(seed);
    int proposals = 0;
    int repeats = 0;
    while (history.size() < BUDGET) {
      int size = Math.min(parallel, BUDGET - history.size());
      SplittableRandom rng = waves.split();
      List<double[]> wave = liar ? tpe.wave(history, List.of(), size, rng) : new ArrayList<>();
      for (int i = 0; !liar && i < size; i++) {
        wave.add(tpe.propose(history, List.of(), rng.split()));
      }
      for (int i = 0; i < wave.size(); i++) {
        proposals++;
        for (int j = 0; j < wave.size(); j++) {
          if (i != j && near(space, wave.get(i), wave.get(j))) {
            repeats++;
            break;
          }
        }
      }
      wave.forEach(x -> history.add(new Tpe.Trial(x, -accuracy(x))));
    }
    double best = history.stream().mapToDouble(t -> -t.loss()).max().orElseThrow();
    return new double[] {(double) repeats / proposals, best};
  }

  /** Same choice, and within 1% of the range (log space for log ranges) on every numeric key. */
  private static boolean near(List<Tpe.Parameter> space, double[] a, double[] b) {
    for (int p = 0; p < space.size(); p++) {
      if (space.get(p) instanceof Tpe.Numeric n) {
        double d = n.log() ? Math.abs(Math.log(a[p]) - Math.log(b[p])) / Math.log(n.hi() / n.lo())
            : Math.abs(a[p] - b[p]) / (n.hi() - n.lo());
        if (d > 0.01) {
          return false;
        }
      } else if (a[p] != b[p]) {
        return false;
      }
    }
    return true;
  }

  /** A made-up held-out accuracy in [0.5, 1]: adam, rmsprop best near lr 3e-3; sgd, momentum near 0.3. */
  private static double accuracy(double[] x) {
    double best = x[1] >= 2 ? Math.log10(3e-3) : Math.log10(0.3);
    double off = Math.abs(Math.log10(x[0]) - best);
    double clipOff = x.length > 2 ? Math.abs(Math.log10(x[2] / 5)) : 0;
    return 0.5 + 0.5 * Math.exp(-off * off - clipOff * clipOff);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static String percent(double[] shares) {
    return String.format(Locale.ROOT, "%.1f%% [%.1f-%.1f%%]", 100 * median(shares),
        100 * Arrays.stream(shares).min().orElseThrow(), 100 * Arrays.stream(shares).max().orElseThrow());
  }
}
