/**
 * The driver's side: mini-batches from the job's queue submitted as Spark jobs, one task per
 * group of mini-batches, their outcomes and log lines handed back to the job as Spark delivers
 * each task's result (once per partition, whatever attempts ran).
 */
package io.batchscore.spark.driver;
