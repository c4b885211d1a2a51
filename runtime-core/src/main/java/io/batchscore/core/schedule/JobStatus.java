package io.batchscore.core.schedule;

/** How a job ended, as written on the first line of {@code logs/job_result.txt}. */
public enum JobStatus {
  /** Every mini-batch was processed and the error threshold held. */
  Completed,
  /** The error threshold was passed, no worker could start, or the output could not be written. */
  Failed,
  /** Stopped by the user (SIGINT/SIGTERM); resumable. */
  Canceled
}
