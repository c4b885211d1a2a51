/**
 * BatchScore on Apache Spark: {@link io.batchscore.spark.SparkBatchJob} for {@code spark-submit},
 * and the launcher's {@code compute: spark:MASTER} ({@link io.batchscore.spark.SparkComputePlugin}).
 * The job (listing, ordering, commits, logs, report) runs in the driver exactly as a local job;
 * the mini-batches are scored on executors ({@link io.batchscore.spark.executor}) and come back
 * with the task results ({@link io.batchscore.spark.driver}).
 */
package io.batchscore.spark;
