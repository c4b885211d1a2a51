/**
 * The executors' side: scorers kept initialised per worker slot of an executor JVM, and each
 * Spark task's mini-batches scored with the deployment's retry, timeout and isolation policy.
 */
package io.batchscore.spark.executor;
