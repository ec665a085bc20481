package rnnlab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * fANOVA (Hutter, Hoos and Leyton-Brown 2014), as Optuna's {@code FanovaImportanceEvaluator} computes it: a
 * random forest of regression trees (bootstrap samples, every feature tried at each split, squared error,
 * split thresholds halfway between neighbouring values, leaves of one sample) fitted to (features, metric);
 * then, per tree, the variance of the tree's prediction over the search box (uniform on the given bounds)
 * and the variance of its marginal prediction along a group of features (the others averaged out), from the
 * tree's splits exactly; a group's importance is the mean over trees of their ratio.
 */
final class Fanova {

  /** Optuna's defaults. */
  static final int TREES = 64;
  static final int MAX_DEPTH = 64;

  /** A node: a split ({@code feature >= 0}) or a leaf with {@code value}. */
  private record Node(int feature, double threshold, Node left, Node right, double value) {}

  /** A leaf's box in feature space and its value. */
  private record Leaf(double[] low, double[] high, double value) {}

  private final double[][] bounds;
  private final List<List<Leaf>> trees = new ArrayList<>();

  /**
   * Fits the forest.
   *
   * @param x      one row of features per run
   * @param y      the metric of each run
   * @param bounds each feature's {low, high}: the search box
   * @param seed   the forest's bootstrap samples come from this seed
   */
  Fanova(double[][] x, double[] y, double[][] bounds, long seed) {
    this.bounds = bounds;
    SplittableRandom random = new SplittableRandom(seed);
    int n = y.length;
    for (int t = 0; t < TREES; t++) {
      int[] sample = new int[n];
      for (int i = 0; i < n; i++) {
        sample[i] = random.nextInt(n);
      }
      Node root = grow(x, y, sample, 0);
      List<Leaf> leaves = new ArrayList<>();
      double[] low = new double[bounds.length];
      double[] high = new double[bounds.length];
      for (int d = 0; d < bounds.length; d++) {
        low[d] = bounds[d][0];
        high[d] = bounds[d][1];
      }
      collect(root, low, high, leaves);
      trees.add(leaves);
    }
  }

  /**
   * The importance of the feature group {@code features}: the mean over trees whose prediction varies of
   * (variance of the group's marginal prediction) / (variance of the prediction).
   */
  double importance(int[] features) {
    double sum = 0;
    int counted = 0;
    for (List<Leaf> leaves : trees) {
      double total = variance(leaves);
      if (total > 0) {
        sum += marginalVariance(leaves, features) / total;
        counted++;
      }
    }
    return counted == 0 ? 0 : sum / counted;
  }

  private Node grow(double[][] x, double[] y, int[] rows, int depth) {
    double mean = Arrays.stream(rows).mapToDouble(i -> y[i]).average().orElse(0);
    if (rows.length < 2 || depth >= MAX_DEPTH) {
      return new Node(-1, 0, null, null, mean);
    }
    int bestFeature = -1;
    double bestThreshold = 0;
    double bestError = Arrays.stream(rows).mapToDouble(i -> (y[i] - mean) * (y[i] - mean)).sum()
        * (1 - 1e-12);
    for (int f = 0; f < bounds.length; f++) {
      int feature = f;
      Integer[] order = Arrays.stream(rows).boxed()
          .sorted((a, b) -> Double.compare(x[a][feature], x[b][feature])).toArray(Integer[]::new);
      double totalSum = 0;
      double totalSquares = 0;
      for (int i : order) {
        totalSum += y[i];
        totalSquares += y[i] * y[i];
      }
      double leftSum = 0;
      double leftSquares = 0;
      for (int k = 0; k < order.length - 1; k++) {
        double v = y[order[k]];
        leftSum += v;
        leftSquares += v * v;
        double here = x[order[k]][f];
        double next = x[order[k + 1]][f];
        if (here == next) {
          continue;
        }
        int nl = k + 1;
        int nr = order.length - nl;
        double error = leftSquares - leftSum * leftSum / nl
            + (totalSquares - leftSquares) - (totalSum - leftSum) * (totalSum - leftSum) / nr;
        if (error < bestError) {
          bestError = error;
          bestFeature = f;
          bestThreshold = (here + next) / 2;
        }
      }
    }
    if (bestFeature < 0) {
      return new Node(-1, 0, null, null, mean);
    }
    int feature = bestFeature;
    double threshold = bestThreshold;
    int[] left = Arrays.stream(rows).filter(i -> x[i][feature] <= threshold).toArray();
    int[] right = Arrays.stream(rows).filter(i -> x[i][feature] > threshold).toArray();
    return new Node(feature, threshold, grow(x, y, left, depth + 1), grow(x, y, right, depth + 1), mean);
  }

  private static void collect(Node node, double[] low, double[] high, List<Leaf> leaves) {
    if (node.feature() < 0) {
      leaves.add(new Leaf(low.clone(), high.clone(), node.value()));
      return;
    }
    int f = node.feature();
    double[] leftHigh = high.clone();
    leftHigh[f] = Math.min(high[f], node.threshold());
    collect(node.left(), low, leftHigh, leaves);
    double[] rightLow = low.clone();
    rightLow[f] = Math.max(low[f], node.threshold());
    collect(node.right(), rightLow, high, leaves);
  }

  /** The fraction of the search box's width in dimension {@code d} that {@code [lo, hi]} covers. */
  private double share(int d, double lo, double hi) {
    double width = bounds[d][1] - bounds[d][0];
    return width > 0 ? Math.max(0, hi - lo) / width : 1;
  }

  /** Variance of the tree's prediction, uniform over the box. */
  private double variance(List<Leaf> leaves) {
    double[] weight = new double[leaves.size()];
    for (int l = 0; l < leaves.size(); l++) {
      weight[l] = 1;
      for (int d = 0; d < bounds.length; d++) {
        weight[l] *= share(d, leaves.get(l).low()[d], leaves.get(l).high()[d]);
      }
    }
    return weightedVariance(leaves.stream().mapToDouble(Leaf::value).toArray(), weight);
  }

  /** Variance of the prediction averaged over every feature but {@code features}, over the box. */
  private double marginalVariance(List<Leaf> leaves, int[] features) {
    List<double[]> cuts = new ArrayList<>(); // per feature of the group: its points, bounds and thresholds
    for (int f : features) {
      TreeSet<Double> points = new TreeSet<>(List.of(bounds[f][0], bounds[f][1]));
      for (Leaf leaf : leaves) {
        points.add(leaf.low()[f]);
        points.add(leaf.high()[f]);
      }
      cuts.add(points.stream().mapToDouble(Double::doubleValue).toArray());
    }
    boolean[] inGroup = new boolean[bounds.length];
    for (int f : features) {
      inGroup[f] = true;
    }
    List<Double> values = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    int[] cell = new int[features.length];
    while (true) {
      double weight = 1;
      double[] centre = new double[features.length];
      for (int g = 0; g < features.length; g++) {
        double lo = cuts.get(g)[cell[g]];
        double hi = cuts.get(g)[cell[g] + 1];
        centre[g] = (lo + hi) / 2;
        weight *= share(features[g], lo, hi);
      }
      double value = 0;
      for (Leaf leaf : leaves) {
        boolean inside = true;
        for (int g = 0; g < features.length && inside; g++) {
          inside = leaf.low()[features[g]] <= centre[g] && centre[g] <= leaf.high()[features[g]];
        }
        if (inside) {
          double rest = 1;
          for (int d = 0; d < bounds.length; d++) {
            if (!inGroup[d]) {
              rest *= share(d, leaf.low()[d], leaf.high()[d]);
            }
          }
          value += leaf.value() * rest;
        }
      }
      if (weight > 0) {
        values.add(value);
        weights.add(weight);
      }
      int g = 0;
      while (g < features.length && ++cell[g] == cuts.get(g).length - 1) {
        cell[g++] = 0;
      }
      if (g == features.length) {
        break;
      }
    }
    return weightedVariance(values.stream().mapToDouble(Double::doubleValue).toArray(),
        weights.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double weightedVariance(double[] values, double[] weights) {
    double total = Arrays.stream(weights).sum();
    if (total <= 0) {
      return 0;
    }
    double mean = 0;
    for (int i = 0; i < values.length; i++) {
      mean += weights[i] * values[i] / total;
    }
    double variance = 0;
    for (int i = 0; i < values.length; i++) {
      variance += weights[i] * (values[i] - mean) * (values[i] - mean) / total;
    }
    return variance;
  }
}
