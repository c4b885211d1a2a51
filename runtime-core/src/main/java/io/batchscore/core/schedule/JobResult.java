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

  /**
   * @return the launcher's exit status: 0 completed, 1 failed, 2 could not start, 130 canceled
   *     (the status of a SIGINT; the launcher exits 143 when SIGTERM canceled the job)
   */
  public int exitCode() {
    return switch (status) {
      case Completed -> 0;
      case Canceled -> 130;
      case Failed -> couldNotStart ? 2 : 1;
    };
  }
}
