/**
 * Adaptive search as plain Java that a sweep's driver calls, testable without Spark:
 * {@link rnnlab.search.Asha} decides which run to continue to its next rung (early stopping),
 * {@link rnnlab.search.Tpe} proposes points from finished runs, and {@link rnnlab.search.TpeSampler} turns
 * a sweep's random ranges into TPE's space and its proposals into runs (in deterministic waves, or one
 * at a time for early stopping), one study per grid point, each point once per seed.
 */
package rnnlab.search;
