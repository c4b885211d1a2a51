package io.batchscore.core.job;

/**
 * Follows a {@link ScoringJob}: called with a {@link JobProgress} about four times a second while
 * the job runs (on the job's progress thread), and once more with the final counts when it ends
 * (on the thread that ran it, before {@link ScoringJob#run} or {@link ScoringJob#awaitEnd}
 * returns). Keep it quick: the progress thread also feeds the console and the report. An
 * exception it throws is printed to {@code System.err} and does not stop the job or later calls.
 */
@FunctionalInterface
public interface ProgressListener {

  /** @param progress the job's progress now */
  void onProgress(JobProgress progress);
}
