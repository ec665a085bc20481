package rnnlab.numeric;

import rnnlab.spec.RunSpec;

/** Builds the cell a run's spec names. */
public final class Cells {

  private Cells() {}

  /** A new cell for {@code spec}'s cell type and hidden size (and, for FTDNN, its delay-line length). */
  public static Cell create(RunSpec spec) {
    return switch (spec.cell()) {
      case RNN -> new RnnCell(spec.hidden());
      case LSTM -> new LstmCell(spec.hidden());
      case GRU -> new GruCell(spec.hidden());
      case FTDNN -> new FtdnnCell(spec.hidden(), spec.effectiveDelays());
    };
  }
}
