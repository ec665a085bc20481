/**
 * Spark jobs, one {@code public final class} each, whose work sits in a static method taking a
 * {@link org.apache.spark.sql.SparkSession}: {@link rnnlab.jobs.ReportJob} (the HTML report of result
 * stores) and {@link rnnlab.jobs.QueryJob} (Spark SQL over them).
 */
package rnnlab.jobs;
