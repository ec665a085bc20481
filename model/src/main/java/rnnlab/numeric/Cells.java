package rnnlab.numeric;

import rnnlab.train.RunSpec;

/** Builds the cell a run's spec names. */
public final class Cells {

  private Cells() {}

  /** A new cell for {@code spec}'s cell type and hidden size. */
  public static Cell create(RunSpec spec) {
    return switch (spec.cell()) {
      case RNN -> new RnnCell(spec.hidden());
      case LSTM, GRU, FTDNN -> throw new IllegalArgumentException(
          "cell " + spec.cell().label() + " is not in the numeric engine yet");
    };
  }
}
