package io.batchscore.core.job;

/** How a job ended, as written on the first line of {@code logs/job_result.txt}. */
public enum JobStatus {
  /** Every mini-batch was processed and the error threshold held. */
  Completed,
  /** The error threshold was passed, no worker could start, or the output could not be written. */
  Failed,
  /** Stopped by {@link ScoringJob#cancel} (or a signal, under the launcher); resumable. */
  Canceled
}
