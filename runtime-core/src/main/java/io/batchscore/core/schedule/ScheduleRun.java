package io.batchscore.core.schedule;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.input.MiniBatchSource;
import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.logs.JobLog;
import io.batchscore.core.metrics.JobMetrics;
import io.batchscore.core.resume.CommitJournal;
import io.batchscore.core.scorer.ErrorLine;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The ledger of one job as the {@code job} package drives it: the {@link Scheduler} over the
 * job's outputs ({@link JobOutputs}), fed by a {@link WorkerPool} or a {@link RemoteCompute}.
 * Opened once the output folder is ready; closed (the outputs with it) as the job's last step.
 */
public final class ScheduleRun implements AutoCloseable {

  /** How long the end of a job waits for a read or a write running outside the lock. */
  static final java.time.Duration IDLE_WAIT = java.time.Duration.ofSeconds(60);

  private final JobOutputs outputs;
  private final Scheduler scheduler;
  private final JobMetrics metrics;
  private final JobLayout layout;
  private final JobLog jobLog;

  private ScheduleRun(
      JobOutputs outputs,
      Scheduler scheduler,
      JobMetrics metrics,
      JobLayout layout,
      JobLog jobLog) {
    this.outputs = outputs;
    this.scheduler = scheduler;
    this.metrics = metrics;
    this.layout = layout;
    this.jobLog = jobLog;
  }

  /**
   * Opens the outputs, truncated back to {@code from}, and the scheduler over them.
   *
   * @param d the deployment: retries, isolation, error threshold
   * @param layout the output folder
   * @param predictionsFile the predictions file, or null for {@code summary_only}
   * @param from where the job starts: the start, or a resumed job's last checkpoint
   * @param source the input's mini-batches, already past {@code from}
   * @param window how many mini-batches may be open at once
   * @param workers how many workers score (the scheduler counts their slots)
   * @param metrics the job's meters
   * @param jobLog the job's log
   * @return the run, not yet fed
   * @throws IOException when the outputs cannot be opened
   */
  public static ScheduleRun open(
      Deployment d,
      JobLayout layout,
      Path predictionsFile,
      CommitJournal.Recovered from,
      MiniBatchSource source,
      int window,
      int workers,
      JobMetrics metrics,
      JobLog jobLog)
      throws IOException {
    JobOutputs outputs =
        new JobOutputs(layout, predictionsFile, from.checkpoint(), from.journalBytes());
    try {
      var cp = from.checkpoint();
      Scheduler s =
          new Scheduler(
              source,
              cp,
              cp.itemsFailed() > 0 ? outputs.firstRecordedFailure() : null,
              window,
              d.retry().maxRetries(),
              d.isolateFailures(),
              d.errorThreshold(),
              predictionsFile != null,
              outputs,
              metrics,
              workers);
      return new ScheduleRun(outputs, s, metrics, layout, jobLog);
    } catch (IOException | RuntimeException e) {
      outputs.close();
      throw e;
    }
  }

  /** Hands the scheduler to the pool's workers, which then start taking mini-batches. */
  public void feed(WorkerPool pool) {
    pool.attach(scheduler);
  }

  /**
   * Runs the mini-batches on a remote compute, on this thread; its failure as a whole stops the
   * job with that reason.
   */
  public void feed(RemoteCompute remote) throws InterruptedException {
    RemoteWorkers workers = new RemoteWorkers(scheduler, metrics, layout, jobLog);
    try {
      remote.run(workers);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      jobLog.warn("%s failed: %s", remote.describe(), ErrorLine.of(e));
      scheduler.stop(JobStatus.Failed, remote.describe() + " failed: " + ErrorLine.of(e));
    } finally {
      workers.end();
    }
  }

  /** Stops issuing work (unless stopped already); runs in flight are still committed in order. */
  public void stop(JobStatus status, String reason) {
    scheduler.stop(status, reason);
  }

  /**
   * @param nanos how long to wait at most
   * @return true once every mini-batch is committed, or the job stopped and nothing runs
   */
  public boolean awaitFinished(long nanos) throws InterruptedException {
    return scheduler.awaitFinished(nanos);
  }

  /** @return the counts now */
  public JobCounts counts() {
    return JobCounts.of(scheduler.snapshot());
  }

  /**
   * Waits (at most {@link #IDLE_WAIT}) for a source read or a group write still running outside
   * the scheduler's lock, forces the outputs to storage and checks they are still there; the job
   * fails when not.
   */
  public void settle() throws IOException {
    if (!scheduler.awaitIdle(IDLE_WAIT.toNanos())) {
      scheduler.stop(JobStatus.Failed, "a commit was still being written after " + IDLE_WAIT);
    }
    outputs.sync();
    try {
      outputs.checkPresent();
    } catch (IOException e) {
      scheduler.stop(JobStatus.Failed, "cannot write the output: " + e.getMessage());
    }
  }

  /**
   * Writes {@code job_error.txt}: the job's error, the first failed item and every failed one;
   * removes it when there is neither.
   */
  public void writeJobError(Path file, JobCounts s) throws IOException {
    outputs.writeJobError(file, s.stopReason(), s.firstFailure(), s.itemsFailed());
  }

  /** Closes the outputs: the job's last step. */
  @Override
  public void close() throws IOException {
    outputs.close();
  }
}
