package rnnlab.spec;

/** The network's hidden layer: Elman RNN, LSTM, GRU, or a feed-forward focused time-delay net. */
public enum CellType implements Choice { RNN, LSTM, GRU, FTDNN }
