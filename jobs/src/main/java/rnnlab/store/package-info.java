/**
 * The Parquet result store: {@link rnnlab.store.ResultSchema} holds the schemas of {@code runs/} (one row
 * per run) and {@code curves/} (one row per run and epoch), converts results to rows and reads rows back into
 * typed results; every writer and reader goes through it. {@link rnnlab.store.StoreWriter} takes the store's
 * single-writer lock ({@link rnnlab.store.StoreLock}), appends batches atomically and recovers what dead
 * writers left; {@link rnnlab.store.ResultStore} reads the committed batches back and tells which runs are
 * stored (for resuming a sweep), a run stored twice by its newest row ({@link rnnlab.store.NewestRow}).
 * Batches are written, and the columns a resume check or a report needs are read, with Parquet's own
 * classes on the calling thread ({@link rnnlab.store.ParquetRows}), not through Spark jobs.
 * {@link rnnlab.store.StoreLocation} is the one way a user's string becomes a store folder on a Hadoop file
 * system; {@link rnnlab.store.HadoopFolders} reads users' {@code .npy} folders through Hadoop on the driver.
 * Nothing here knows Spark jobs, sweeps or reports.
 */
package rnnlab.store;
