package rnnlab.spec;

import java.util.Arrays;

/**
 * What an optimizer has learnt so far, to continue a run elsewhere with the same numbers: its step count
 * and its state vectors one after the other (Adam: m then v; momentum: v; RMSProp: s; SGD: none). Empty
 * values mean no step has sized them yet.
 *
 * @param steps  updates taken
 * @param values the state vectors, concatenated
 */
public record OptimizerState(long steps, double[] values) {

  /** The state of an optimizer that has taken no step. */
  public static final OptimizerState NONE = new OptimizerState(0, new double[0]);

  @Override
  public boolean equals(Object o) {
    return o instanceof OptimizerState s && steps == s.steps && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(steps) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "OptimizerState[steps=" + steps + ", values=" + values.length + "]";
  }
}
