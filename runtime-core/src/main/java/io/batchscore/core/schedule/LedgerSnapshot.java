package io.batchscore.core.schedule;

/**
 * The job's counts at one moment.
 *
 * @param itemsSucceeded committed items that gave a row (or a counted result)
 * @param itemsFailed committed items that failed
 * @param itemsUncommitted items scored (or failed) whose mini-batch is not written yet: not in
 *     the output; a resume scores them again
 * @param batchesCommitted mini-batches committed
 * @param batchesCreated mini-batches issued (the next index)
 * @param inFlight runs in progress
 * @param inputListed whether the whole input has been listed
 * @param itemsListed items listed so far
 * @param stopStatus why the job stopped early, or null
 * @param stopReason the reason, or null
 * @param firstFailure the first failed item, or null
 */
record LedgerSnapshot(
    long itemsSucceeded,
    long itemsFailed,
    long itemsUncommitted,
    long batchesCommitted,
    long batchesCreated,
    int inFlight,
    boolean inputListed,
    long itemsListed,
    JobStatus stopStatus,
    String stopReason,
    ItemFailure firstFailure) {}
