package io.batchscore.core.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a job ended. The same counts are in the output folder's {@code logs/job_result.txt}.
 *
 * @param status {@link JobStatus#Completed}, {@link JobStatus#Failed} or {@link JobStatus#Canceled}
 * @param reason why it failed or was canceled; empty when completed
 * @param itemsSucceeded items that gave a row
 * @param itemsFailed items that failed (their reasons are in {@code logs/job_error.txt})
 * @param miniBatches mini-batches committed
 * @param couldNotStart true when no worker could {@code init} and nothing was scored
 * @param outputDir the output folder
 * @param predictions the predictions file ({@code output_action: append_row}); empty for
 *     {@code summary_only}
 * @param duration wall time of the job
 */
public record JobResult(
    JobStatus status,
    String reason,
    long itemsSucceeded,
    long itemsFailed,
    long miniBatches,
    boolean couldNotStart,
    Path outputDir,
    Optional<Path> predictions,
    Duration duration) {

  /** @return items with an outcome, succeeded or failed */
  public long items() {
    return itemsSucceeded + itemsFailed;
  }

  /**
   * @return {@code batchscore run}'s exit status: 0 completed, 1 failed, 2 could not start, 130
   *     canceled (the launcher says 143 when SIGTERM canceled it)
   */
  public int exitCode() {
    return switch (status) {
      case Completed -> 0;
      case Canceled -> 130;
      case Failed -> couldNotStart ? 2 : 1;
    };
  }
}
