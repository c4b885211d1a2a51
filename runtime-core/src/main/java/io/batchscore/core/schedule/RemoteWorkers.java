package io.batchscore.core.schedule;

import io.batchscore.api.MiniBatch;
import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.logs.JobLog;
import io.batchscore.core.metrics.JobMetrics;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@link RemoteQueue} of a job run by a {@link RemoteCompute}: hands out the scheduler's
 * tasks and reports their outcomes back to it. The tasks given out and not yet reported are
 * kept by identity of their mini-batch, guarded by this object's monitor.
 */
final class RemoteWorkers implements RemoteQueue {

  private final Scheduler scheduler;
  private final JobMetrics metrics;
  private final JobLayout layout;
  private final JobLog jobLog;
  private final Map<MiniBatch, Task> out = new IdentityHashMap<>();

  RemoteWorkers(Scheduler scheduler, JobMetrics metrics, JobLayout layout, JobLog jobLog) {
    this.scheduler = scheduler;
    this.metrics = metrics;
    this.layout = layout;
    this.jobLog = jobLog;
  }

  @Override
  public MiniBatch poll() {
    Task t = scheduler.poll();
    if (t == null) {
      return null;
    }
    synchronized (this) {
      out.put(t.batch(), t);
    }
    return t.batch();
  }

  @Override
  public void awaitChange(long millis) throws InterruptedException {
    scheduler.awaitChange(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Override
  public boolean finished() {
    return scheduler.isFinished();
  }

  @Override
  public boolean stopping() {
    return scheduler.isStopping();
  }

  @Override
  public void completed(
      MiniBatch batch,
      List<String> rows,
      int succeeded,
      List<ItemFailure> failures,
      int runs,
      String worker,
      String device,
      long nanos) {
    Task t = take(batch);
    metrics.run(failures.isEmpty() ? "success" : "error", device, worker, nanos);
    scheduler.completedRemotely(
        t,
        new PartResult(scheduler.keepRows() ? rows : List.of(), succeeded, failures),
        worker,
        device,
        runs,
        nanos);
  }

  @Override
  public void lost(MiniBatch batch, String reason) {
    Task t = take(batch);
    String next = scheduler.failed(t, reason, null, 0);
    jobLog.warn("%s was lost: %s; %s", batch, reason, next);
  }

  /**
   * Ends a remote compute's run: any mini-batch it took and did not report back stops the job
   * (it cannot be scored any more) and is left uncommitted, for a resume to score.
   */
  void end() {
    List<MiniBatch> left;
    synchronized (this) {
      left = List.copyOf(out.keySet());
    }
    if (left.isEmpty()) {
      return;
    }
    String reason = "the remote compute ended without reporting " + left.size() + " mini-batch(es)";
    scheduler.stop(JobStatus.Failed, reason);
    for (MiniBatch b : left) {
      lost(b, reason);
    }
  }

  private synchronized Task take(MiniBatch batch) {
    Task t = out.remove(batch);
    if (t == null) {
      throw new IllegalStateException(batch + " was reported twice or never given out");
    }
    return t;
  }

  @Override
  public JobLayout layout() {
    return layout;
  }

  @Override
  public JobLog jobLog() {
    return jobLog;
  }
}
