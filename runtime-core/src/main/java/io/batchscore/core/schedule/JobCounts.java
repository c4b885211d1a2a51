package io.batchscore.core.schedule;

import io.batchscore.core.resume.Checkpoint;

/**
 * A job's counts at one moment, as its scheduler holds them.
 *
 * @param itemsSucceeded committed items that gave a row (or a counted result)
 * @param itemsFailed committed items that failed
 * @param itemsUncommitted items scored (or failed) whose mini-batch waits for an earlier one to
 *     be committed: not in the output; a resume scores them again
 * @param batchesCommitted mini-batches committed
 * @param batchesCreated mini-batches issued (the next index)
 * @param inputListed whether the whole input has been listed
 * @param itemsListed items listed so far
 * @param stopStatus why the job stopped early, or null
 * @param stopReason the reason, or null
 * @param firstFailure the first failed item, or null
 */
public record JobCounts(
    long itemsSucceeded,
    long itemsFailed,
    long itemsUncommitted,
    long batchesCommitted,
    long batchesCreated,
    boolean inputListed,
    long itemsListed,
    JobStatus stopStatus,
    String stopReason,
    ItemFailure firstFailure) {

  /**
   * @param cp where the job starts (a resumed job's last checkpoint)
   * @return the counts of a job that has run nothing since
   */
  public static JobCounts at(Checkpoint cp) {
    return new JobCounts(
        cp.itemsSucceeded(),
        cp.itemsFailed(),
        0,
        cp.nextIndex(),
        cp.nextIndex(),
        false,
        0,
        null,
        null,
        null);
  }

  /**
   * @param status how the job stops
   * @param reason why
   * @return these counts with the stop recorded, unless one was already
   */
  public JobCounts stoppedBy(JobStatus status, String reason) {
    return stopStatus != null
        ? this
        : new JobCounts(
            itemsSucceeded,
            itemsFailed,
            itemsUncommitted,
            batchesCommitted,
            batchesCreated,
            inputListed,
            itemsListed,
            status,
            reason,
            firstFailure);
  }

  static JobCounts of(LedgerSnapshot s) {
    return new JobCounts(
        s.itemsSucceeded(),
        s.itemsFailed(),
        s.itemsUncommitted(),
        s.batchesCommitted(),
        s.batchesCreated(),
        s.inputListed(),
        s.itemsListed(),
        s.stopStatus(),
        s.stopReason(),
        s.firstFailure());
  }
}
