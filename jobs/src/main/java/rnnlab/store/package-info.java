/**
 * The Parquet result store: {@link rnnlab.store.ResultSchema} holds the schemas of {@code runs/} (one row
 * per run) and {@code curves/} (one row per run and epoch) and converts results to rows and back; every
 * writer and reader goes through it. {@link rnnlab.store.ResultStore} appends batches atomically, reads
 * the tables back and tells which runs are stored (for resuming a sweep).
 */
package rnnlab.store;
