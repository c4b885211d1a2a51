package io.batchscore.core.schedule;

import io.batchscore.api.MiniBatch;
import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.logs.JobLog;
import java.util.List;

/**
 * The job's side of a {@link RemoteCompute}: mini-batches to score, and where their outcomes and
 * log lines go. Thread-safe.
 */
public interface RemoteQueue {

  /**
   * @return the next mini-batch (or part of one) to score, or null when none is ready now
   */
  MiniBatch poll();

  /**
   * Waits until {@link #poll} may give something, or the job has finished or is stopping.
   *
   * @param millis how long to wait at most
   * @throws InterruptedException when interrupted
   */
  void awaitChange(long millis) throws InterruptedException;

  /** @return true once every mini-batch was reported back, or the job stopped and none is out */
  boolean finished();

  /** @return true once the job is stopping (error threshold passed, canceled, output failed) */
  boolean stopping();

  /**
   * Reports the final outcome of a mini-batch that {@link #poll} gave.
   *
   * @param batch what {@link #poll} returned
   * @param rows its rows, in item order, each formatted as a local worker formats it
   * @param succeeded how many items succeeded
   * @param failures the items that failed, in item order
   * @param runs the runs made for it (attempts and isolated parts)
   * @param worker the worker that made the last run, such as {@code executor1/process000}
   * @param device that worker's device, such as {@code cpu}
   * @param nanos time spent scoring it, all runs together
   */
  void completed(
      MiniBatch batch,
      List<String> rows,
      int succeeded,
      List<ItemFailure> failures,
      int runs,
      String worker,
      String device,
      long nanos);

  /**
   * Reports a mini-batch that {@link #poll} gave and that could not be run (its task was lost):
   * it counts as one failed attempt, retried as the deployment says.
   *
   * @param batch what {@link #poll} returned
   * @param reason why, in one line
   */
  void lost(MiniBatch batch, String reason);

  /** @return the output folder's layout, for the workers' log files */
  JobLayout layout();

  /** @return the job's log ({@code logs/sys/job.log}) */
  JobLog jobLog();
}
