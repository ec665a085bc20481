/**
 * Spark jobs, one {@code public final class} per job, each with its work in a static method taking a
 * {@link org.apache.spark.sql.SparkSession}: {@link rnnlab.jobs.SweepJob} runs a sweep's runs as Spark
 * tasks into a result store, with their data read once on the driver ({@link rnnlab.jobs.SweepInputs}),
 * cheap runs packed several to a task by {@link rnnlab.jobs.TaskPlan}, batches stored by a writer thread
 * ({@link rnnlab.jobs.BatchWriter}), and says where its time went ({@link rnnlab.jobs.Phases}); a sweep
 * command's summary is a {@link rnnlab.jobs.SweepSummary};
 * {@link rnnlab.jobs.SearchJob} runs a sweep with a {@code search:} section (early stopping by
 * {@link rnnlab.jobs.AshaDriver} over {@link rnnlab.jobs.Legs}, model-based waves by
 * {@link rnnlab.jobs.TpeDriver}), journaled in the store by {@link rnnlab.jobs.SearchLog} so a killed driver
 * resumes;
 * {@link rnnlab.jobs.ReportJob} writes the HTML report of result stores;
 * {@link rnnlab.jobs.QueryJob} runs Spark SQL over them; {@link rnnlab.jobs.ExportJob} reads a stored run's
 * final weights back; {@link rnnlab.jobs.DtrainJob} trains one run
 * data-parallel into a store; {@link rnnlab.jobs.LocalCluster} starts a loopback standalone cluster.
 * {@link rnnlab.jobs.Sessions} opens the session of a job started from the command line, so that the
 * command classes never mention a Spark type.
 */
package rnnlab.jobs;
