/**
 * Scheduling a job's mini-batches: the {@code Scheduler} hands them to workers and keeps the
 * {@code Ledger} of which are out, done, to retry and to split, by small pure policies
 * ({@code RetryPolicy}, {@code IsolationPolicy}, {@code ErrorThreshold}); the source is read and
 * commits are written outside its lock, one reader and one writer at a time, commits in index
 * order and in groups ({@code GroupWriter}, {@code JobOutputs}).
 */
package io.batchscore.core.schedule;
