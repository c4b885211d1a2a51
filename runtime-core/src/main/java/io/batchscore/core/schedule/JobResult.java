package io.batchscore.core.schedule;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a job ended.
 *
 * @param status Completed, Failed or Canceled
 * @param reason why it failed or was canceled; empty when completed
 * @param itemsSucceeded items that gave a row
 * @param itemsFailed items that failed
 * @param miniBatches mini-batches committed
 * @param couldNotStart true when no worker could init and nothing was scored
 * @param outputDir the output folder
 * @param predictions the predictions file ({@code append_row}), or null
 * @param duration wall time
 */
public record JobResult(
    JobStatus status,
    String reason,
    long itemsSucceeded,
    long itemsFailed,
    long miniBatches,
    boolean couldNotStart,
    Path outputDir,
    Path predictions,
    Duration duration) {

  /** @return the launcher's exit status: 0 completed, 2 could not start, 1 otherwise */
  public int exitCode() {
    if (status == JobStatus.Completed) {
      return 0;
    }
    return couldNotStart ? 2 : 1;
  }
}
