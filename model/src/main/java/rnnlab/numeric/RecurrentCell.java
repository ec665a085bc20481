package rnnlab.numeric;

import java.util.Arrays;

/**
 * What the recurrent cells (RNN, LSTM, GRU) share on top of {@link AbstractCell}: a hidden layer of
 * {@code blocks} gate blocks of S1 rows each with the tensors {@code LW_11 (rows, S1)},
 * {@code IW_11 (rows, 1)}, {@code b_1 (rows, 1)} and, for the GRU, a recurrent-side bias
 * {@code b_11 (rows, 1)}; a1 kept per step with a zero row for a1(0); and the BPTT machinery: the product
 * {@code LW_11 a1(t-1)} (skipped on the zero state), {@code LW_11ᵀ d} into dL/da1(t-1) through a transposed
 * copy, and the per-sequence sums of the LW_11, IW_11, b_1 (and b_11) gradients over time-major copies,
 * each element summed over the steps in the order step-by-step accumulation would take (t descending);
 * terms through a1(0) = 0 are skipped.
 */
abstract class RecurrentCell extends AbstractCell {

  /** Rows of LW_11, IW_11 and b_1: blocks·S1. */
  final int rows;
  final int lw11;
  final int iw11;
  final int b1;
  /** Offset of b_11, or -1 when the cell has none. */
  private final int b11;

  /** a1 with a zero row for a1(0): [batch][steps + 1][S1]. */
  double[] a1 = new double[0];
  /** dL/da1(t-1) as {@link #backToPrevious} leaves it, then dL/da1 of the step being back-propagated. */
  final double[] dhNext;
  /** dL/d(LW_11 a1(t-1) + b_11) at each step of the sequence being back-propagated: [rows][steps]. */
  double[] dzT = new double[0];
  /** dL/d(IW_11 p(t) + b_1) likewise; the same array as dzT unless the cell has b_11. */
  double[] dxT = new double[0];
  /** LW_11ᵀ: [S1][rows]. */
  private final double[] lw11T;
  /** a1(0..len-1) of that sequence, time-major: [S1][steps]. */
  private double[] aT = new double[0];

  /** A cell of {@code s1} hidden units, {@code blocks} gate blocks, with b_11 if {@code recurrentBias}. */
  RecurrentCell(int s1, int blocks, boolean recurrentBias) {
    super(s1, layout(s1, blocks * s1, recurrentBias));
    rows = blocks * s1;
    lw11 = offset("LW_11");
    iw11 = offset("IW_11");
    b1 = offset("b_1");
    b11 = recurrentBias ? offset("b_11") : -1;
    dhNext = new double[s1];
    lw11T = new double[rows * s1];
  }

  private static Layout layout(int s1, int rows, boolean recurrentBias) {
    Layout l = new Layout().weight("LW_11", rows, s1).weight("IW_11", rows, 1).bias("b_1", rows);
    return recurrentBias ? l.bias("b_11", rows) : l;
  }

  @Override
  void reserve(int batch, int steps) {
    int need = batch * (steps + 1) * s1;
    if (a1.length < need) {
      a1 = new double[need];
    }
  }

  /** Offset in a1 of a1(t-1) for step t of sequence b; a1(t) follows it. */
  final int previous(int b, int t) {
    return (b * (steps + 1) + t) * s1;
  }

  /**
   * Adds {@code LW_11 a1(t-1)} to {@code y[yOff..yOff+rows)}, each row summed onto its start value in
   * column order; at t = 0 it writes the zero row a1(0) instead, the product being zero.
   *
   * @param y modified
   */
  final void addRecurrent(double[] p, int t, int prev, double[] y, int yOff) {
    if (t == 0) {
      Arrays.fill(a1, prev, prev + s1, 0.0);
    } else {
      Kernels.addMatVec(p, lw11, rows, s1, a1, prev, y, yOff);
    }
  }

  @Override
  void beginBackward(double[] p) {
    Kernels.transpose(p, lw11, rows, s1, lw11T);
    if (dzT.length < steps * rows) {
      dzT = new double[steps * rows];
      dxT = b11 < 0 ? dzT : new double[steps * rows];
      aT = new double[steps * s1];
    }
    Arrays.fill(dhNext, 0.0);
  }

  /**
   * Adds {@code LW_11ᵀ d} to dhNext, each element summed onto its start value over the rows in order.
   *
   * @param d dL/d(LW_11 a1(t-1)) of the step: [rows]
   */
  final void backToPrevious(double[] d) {
    Kernels.addMatVec(lw11T, 0, s1, rows, d, 0, dhNext, 0);
  }

  @Override
  void endSequence(double[] g, int b, int len) {
    Kernels.toTimeMajor(a1, b * (steps + 1) * s1, len, s1, aT, steps);
    Kernels.addOuterOverTime(g, lw11, rows, s1, dzT, steps, aT, steps, len);
    Kernels.addSumsOverTime(g, b1, rows, dxT, steps, len);
    Kernels.addDotsOverTime(g, iw11, rows, dxT, steps, inputs, b * steps, len);
    if (b11 >= 0) {
      Kernels.addSumsOverTime(g, b11, rows, dzT, steps, len);
    }
    Arrays.fill(dhNext, 0.0);
  }
}
