package rnnlab.numeric;

import java.util.Arrays;

/**
 * What the recurrent cells (RNN, LSTM, GRU) share on top of {@link AbstractCell}: a hidden layer of
 * {@code blocks} gate blocks of S1 rows each with the tensors {@code LW_11 (rows, S1)},
 * {@code IW_11 (rows, 1)}, {@code b_1 (rows, 1)} and, for the GRU, a recurrent-side bias
 * {@code b_11 (rows, 1)}; and the batched passes over a padded batch, each cell supplying the elementwise
 * part of a step.
 *
 * <p>Forward, time step by time step for the whole batch: the net inputs of every sequence that is still
 * running ({@code t < lengths[b]}; the others are masked out, never computed) get
 * {@code LW_11 a1(t-1)} added as one matrix product, skipped at t = 0 where a1(0) = 0. Backward, time step
 * by time step from the last: each running sequence's step turns dL/da1(t) into the gradients of its net
 * inputs, then {@code LW_11ᵀ} times those goes to dL/da1(t-1) as one matrix product. The parameter
 * gradients follow as matrix products over all real steps.
 *
 * <p>Order of sums: every element of every result is summed in the order a one-sequence-at-a-time loop
 * takes (net inputs: b_1, IW_11 p(t), then LW_11's columns in order; dL/da1(t-1): over the rows in order;
 * parameter gradients: sequence by sequence, each one's steps from the last to the first, the terms
 * through a1(0) = 0 left out), so that the batch only changes speed, never the numbers, and a sequence's
 * result does not depend on its batch mates.
 *
 * <p>Matrices are kept as arrays of rows for {@link Kernels#addProducts}: a1 per step, the gate net inputs
 * and their gradients per step, LW_11 and its transpose copied from the flat parameters at every pass,
 * and the parameter gradients accumulated in row copies of their part of the flat gradient.
 */
abstract class RecurrentCell extends AbstractCell {

  private static final double[][] NONE = new double[0][];

  /** Rows of LW_11, IW_11 and b_1: blocks·S1. */
  final int rows;
  final int lw11;
  final int iw11;
  final int b1;
  /** Offset of b_11, or -1 when the cell has none. */
  final int b11;

  /** b_1, IW_11 and, if the cell has it, b_11, copied from the parameters at each forward pass. */
  final double[] b1Row;
  final double[] iw11Row;
  final double[] b11Row;
  /** LW_21, copied from the parameters at each backward pass. */
  final double[] lw21Row;
  /** LW_11ᵀ, copied at each forward pass: [S1][rows]. */
  private final double[][] lw11T;
  /** LW_11, copied at each backward pass: [rows][S1]. */
  private final double[][] lw11Rows;

  /** a1 per step, a zero row for a1(0) first: row {@code b * (steps + 1) + t} is a1(t) of sequence b. */
  double[][] a1 = NONE;
  /** dL/da1(t) of each sequence at the step being back-propagated: [batch][S1]. */
  double[][] dh = NONE;
  /**
   * dL/d(IW_11 p(t) + b_1) of each real step, row {@code b * steps + t}: [batch·steps][rows]. The same
   * array as dzRec unless the cell has b_11.
   */
  double[][] dzIn = NONE;
  /** dL/d(LW_11 a1(t-1) + b_11) of each real step likewise. */
  double[][] dzRec = NONE;

  // Arguments of the kernel calls, and the steps of a backward pass in gradient order.
  private double[][] cArg = NONE;
  private double[][] xArg = NONE;
  private double[][] yArg = NONE;
  private double[][] zArg = NONE;
  private int[] running = new int[0];
  private int[] pairs = new int[0];
  /** dL/dn2, p(t) and 1 at each real step, in gradient order. */
  private double[] d2s = new double[0];
  private double[] xs = new double[0];
  private double[] ones = new double[0];
  /** dzRec transposed, over the real steps with t > 0 in gradient order: [rows][count]. */
  private double[][] dzRecT = NONE;

  // Row copies of the gradient's LW_11, b_1, IW_11, b_11 and LW_21 parts.
  private final double[][] gLw11;
  private final double[] gB1;
  private final double[] gIw11;
  private final double[] gB11;
  private final double[] gLw21;

  /** A cell of {@code s1} hidden units, {@code blocks} gate blocks, with b_11 if {@code recurrentBias}. */
  RecurrentCell(int s1, int blocks, boolean recurrentBias) {
    super(s1, layout(s1, blocks * s1, recurrentBias));
    rows = blocks * s1;
    lw11 = offset("LW_11");
    iw11 = offset("IW_11");
    b1 = offset("b_1");
    b11 = recurrentBias ? offset("b_11") : -1;
    b1Row = new double[rows];
    iw11Row = new double[rows];
    b11Row = new double[recurrentBias ? rows : 0];
    lw21Row = new double[s1];
    lw11T = new double[s1][rows];
    lw11Rows = new double[rows][s1];
    gLw11 = new double[rows][s1];
    gB1 = new double[rows];
    gIw11 = new double[rows];
    gB11 = new double[b11Row.length];
    gLw21 = new double[s1];
  }

  private static Layout layout(int s1, int rows, boolean recurrentBias) {
    Layout l = new Layout().weight("LW_11", rows, s1).weight("IW_11", rows, 1).bias("b_1", rows);
    return recurrentBias ? l.bias("b_11", rows) : l;
  }

  /** Row of a1(t-1) for step t of sequence b; a1(t) is the next row. */
  final int previous(int b, int t) {
    return b * (steps + 1) + t;
  }

  /**
   * Grows the buffers to a batch of {@code batch} sequences of {@code steps} steps; a cell with buffers of
   * its own grows them too.
   */
  void reserve(int batch, int steps) {
    a1 = grow(a1, batch * (steps + 1), s1);
    dh = grow(dh, batch, s1);
    dzIn = grow(dzIn, batch * steps, rows);
    dzRec = b11 < 0 ? dzIn : grow(dzRec, batch * steps, rows);
    int most = Math.max(2, Math.max(batch, rows));
    if (cArg.length < most) {
      cArg = new double[most][];
      xArg = new double[most][];
    }
    if (running.length < batch) {
      running = new int[batch];
    }
    int n = batch * steps;
    if (pairs.length < n) {
      yArg = new double[n][];
      zArg = new double[n][];
      pairs = new int[n];
      d2s = new double[n];
      xs = new double[n];
      ones = new double[n];
      Arrays.fill(ones, 1.0);
      dzRecT = new double[rows][n];
    }
  }

  /** {@code rows} at least {@code count} rows long, each of {@code cols}; existing rows kept. */
  static double[][] grow(double[][] rows, int count, int cols) {
    if (rows.length >= count) {
      return rows;
    }
    double[][] grown = Arrays.copyOf(rows, count);
    for (int i = rows.length; i < count; i++) {
      grown[i] = new double[cols];
    }
    return grown;
  }

  /** {@inheritDoc} Time step by time step over the sequences still running; see the class comment. */
  @Override
  public final void forward(double[] p, double[] inputs, int[] lengths, int batch, int steps,
      double[] n2) {
    keepBatch(inputs, lengths, batch, steps);
    reserve(batch, steps);
    transposeLw11(p);
    System.arraycopy(p, b1, b1Row, 0, rows);
    System.arraycopy(p, iw11, iw11Row, 0, rows);
    if (b11 >= 0) {
      System.arraycopy(p, b11, b11Row, 0, rows);
    }
    Arrays.fill(n2, 0, batch * steps, 0.0);
    for (int t = 0; t < steps; t++) {
      int m = 0;
      for (int b = 0; b < batch; b++) {
        if (t < lengths[b]) {
          running[m] = b;
          cArg[m] = netInput(b, t, inputs[b * steps + t]);
          xArg[m] = a1[previous(b, t)];
          m++;
        }
      }
      if (t == 0) {
        for (int i = 0; i < m; i++) {
          Arrays.fill(xArg[i], 0.0);
        }
      } else {
        Kernels.addProducts(cArg, xArg, m, lw11T, s1, rows);
      }
      for (int i = 0; i < m; i++) {
        int b = running[i];
        n2[b * steps + t] = activate(p, b, t);
      }
    }
  }

  /** Copies LW_11ᵀ into {@link #lw11T}, four columns of LW_11 at a time so that its rows are read in runs. */
  private void transposeLw11(double[] p) {
    int j = 0;
    for (; j + 3 < s1; j += 4) {
      double[] t0 = lw11T[j];
      double[] t1 = lw11T[j + 1];
      double[] t2 = lw11T[j + 2];
      double[] t3 = lw11T[j + 3];
      for (int i = 0; i < rows; i++) {
        int at = lw11 + i * s1 + j;
        t0[i] = p[at];
        t1[i] = p[at + 1];
        t2[i] = p[at + 2];
        t3[i] = p[at + 3];
      }
    }
    for (; j < s1; j++) {
      double[] t0 = lw11T[j];
      for (int i = 0; i < rows; i++) {
        t0[i] = p[lw11 + i * s1 + j];
      }
    }
  }

  /**
   * Writes the start values of step t's net inputs (for sequence b, input {@code x}), onto which
   * {@code LW_11 a1(t-1)} is then added, and returns the row that holds them (its first {@code rows}
   * elements).
   */
  abstract double[] netInput(int b, int t, double x);

  /**
   * Runs the rest of step t of sequence b from its net inputs, keeping what the backward pass needs, and
   * returns n2. a1(t-1) is in row {@code previous(b, t)}, zero at t = 0.
   */
  abstract double activate(double[] p, int b, int t);

  /** {@inheritDoc} Step by step from the last, then the parameter gradients; see the class comment. */
  @Override
  public final void backward(double[] p, double[] dn2, double[] g) {
    for (int i = 0; i < rows; i++) {
      System.arraycopy(p, lw11 + i * s1, lw11Rows[i], 0, s1);
    }
    System.arraycopy(p, lw21, lw21Row, 0, s1);
    for (int b = 0; b < batch; b++) {
      Arrays.fill(dh[b], 0.0);
      startBackward(b);
    }
    for (int t = steps - 1; t >= 0; t--) {
      int m = 0;
      for (int b = 0; b < batch; b++) {
        if (t < lengths[b]) {
          int at = b * steps + t;
          backStep(b, t, at, dn2[at]);
          if (t > 0) {
            cArg[m] = dh[b];
            xArg[m] = dzRec[at];
            m++;
          }
        }
      }
      Kernels.addProducts(cArg, xArg, m, lw11Rows, rows, s1);
    }
    parameterGradients(dn2, g);
  }

  /** Readies sequence b for its backward pass: a cell with state besides a1 clears that state's gradient. */
  void startBackward(int b) {
    // a1's gradient dh[b] is cleared by the caller
  }

  /**
   * Back-propagates step t of sequence b (at {@code at} in the batch layout), given dL/dn2 = {@code d2}
   * there and dL/da1(t) less the output's share in {@code dh[b]}: writes the step's net-input gradients
   * to {@code dzIn[at]} and {@code dzRec[at]} and leaves in {@code dh[b]} the part of dL/da1(t-1) that
   * does not go through LW_11 (zero for most cells), onto which {@code LW_11ᵀ dzRec[at]} is then added.
   */
  abstract void backStep(int b, int t, int at, double d2);

  /** Adds every real step's parameter gradients to {@code g}, in the order the class comment names. */
  private void parameterGradients(double[] dn2, double[] g) {
    int count = 0;
    int later = 0;
    for (int b = 0; b < batch; b++) {
      for (int t = lengths[b] - 1; t >= 0; t--) {
        int at = b * steps + t;
        pairs[count] = at;
        d2s[count] = dn2[at];
        xs[count] = inputs[at];
        yArg[count] = a1[previous(b, t) + 1];
        count++;
      }
    }
    // LW_21 and b_2
    System.arraycopy(g, lw21, gLw21, 0, s1);
    cArg[0] = gLw21;
    xArg[0] = d2s;
    Kernels.addProducts(cArg, xArg, 1, yArg, count, s1);
    System.arraycopy(gLw21, 0, g, lw21, s1);
    double sum = g[b2];
    for (int k = 0; k < count; k++) {
      sum += d2s[k];
    }
    g[b2] = sum;
    // b_1 and IW_11
    for (int k = 0; k < count; k++) {
      yArg[k] = dzIn[pairs[k]];
    }
    System.arraycopy(g, b1, gB1, 0, rows);
    System.arraycopy(g, iw11, gIw11, 0, rows);
    cArg[0] = gB1;
    cArg[1] = gIw11;
    xArg[0] = ones;
    xArg[1] = xs;
    Kernels.addProducts(cArg, xArg, 2, yArg, count, rows);
    System.arraycopy(gB1, 0, g, b1, rows);
    System.arraycopy(gIw11, 0, g, iw11, rows);
    // b_11
    if (b11 >= 0) {
      for (int k = 0; k < count; k++) {
        yArg[k] = dzRec[pairs[k]];
      }
      System.arraycopy(g, b11, gB11, 0, rows);
      cArg[0] = gB11;
      xArg[0] = ones;
      Kernels.addProducts(cArg, xArg, 1, yArg, count, rows);
      System.arraycopy(gB11, 0, g, b11, rows);
    }
    // LW_11, over the steps with t > 0
    for (int k = 0; k < count; k++) {
      int at = pairs[k];
      int b = at / steps;
      int t = at - b * steps;
      if (t > 0) {
        zArg[later] = dzRec[at];
        yArg[later] = a1[previous(b, t)];
        later++;
      }
    }
    transposeInto(zArg, later, dzRecT);
    for (int i = 0; i < rows; i++) {
      System.arraycopy(g, lw11 + i * s1, gLw11[i], 0, s1);
    }
    Kernels.addProducts(gLw11, dzRecT, rows, yArg, later, s1);
    for (int i = 0; i < rows; i++) {
      System.arraycopy(gLw11[i], 0, g, lw11 + i * s1, s1);
    }
  }

  /**
   * Writes the first {@code rows} elements of {@code count} rows of {@code from} transposed into
   * {@code to}, four of its rows at a time so that each row of {@code from} is read in runs.
   *
   * @param to modified: elements {@code [0, count)} of rows {@code [0, rows)}
   */
  private void transposeInto(double[][] from, int count, double[][] to) {
    int i = 0;
    for (; i + 3 < rows; i += 4) {
      double[] t0 = to[i];
      double[] t1 = to[i + 1];
      double[] t2 = to[i + 2];
      double[] t3 = to[i + 3];
      for (int q = 0; q < count; q++) {
        double[] f = from[q];
        t0[q] = f[i];
        t1[q] = f[i + 1];
        t2[q] = f[i + 2];
        t3[q] = f[i + 3];
      }
    }
    for (; i < rows; i++) {
      double[] t0 = to[i];
      for (int q = 0; q < count; q++) {
        t0[q] = from[q][i];
      }
    }
  }
}
