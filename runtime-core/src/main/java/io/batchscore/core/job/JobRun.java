package io.batchscore.core.job;

import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.schedule.JobStatus;
import io.batchscore.core.schedule.ScheduleRun;
import io.batchscore.core.schedule.WorkerPool;
import java.io.IOException;
import java.time.LocalDateTime;

/**
 * One run of a job, phase by phase: {@link JobPlan} (checks, scorer, devices), {@link
 * PreparedJob} (folder, logs, workers, input), {@link ScoringPhase} (the ledger, the one way
 * out, {@link JobEnd}'s files). {@link #cancel} may come from any thread at any time: it is
 * remembered, and reaches the phase that is running through the two volatile fields below (each
 * side writes its own and then reads the other's, so one of them sees the cancel).
 */
final class JobRun {

  private final JobOptions options;
  private final JobLayout layout;
  private volatile String cancelReason;
  private volatile WorkerPool starting;
  private volatile ScheduleRun running;

  JobRun(JobOptions options) {
    this.options = options;
    this.layout = new JobLayout(options.output());
  }

  JobResult run() throws IOException, InterruptedException {
    long startNanos = System.nanoTime();
    LocalDateTime started =
        LocalDateTime.now(java.time.ZoneId.systemDefault()); // logs use local time
    JobPlan plan = JobPlan.of(options, layout);
    try (PreparedJob p = PreparedJob.open(options, layout, plan)) {
      PreparedJob.Start start = p.start(() -> cancelReason != null, this::starting);
      return switch (start) {
        case CANCELED -> p.canceledBeforeStart(cancelReason, JobEnd.since(startNanos));
        case NO_WORKER -> p.couldNotStart(started, JobEnd.since(startNanos));
        case READY -> new ScoringPhase(p, this::running).run(started, startNanos);
      };
    }
  }

  void cancel(String why) {
    cancelReason = why;
    ScheduleRun r = running;
    if (r != null) {
      r.stop(JobStatus.Canceled, why);
    }
    WorkerPool p = starting;
    if (p != null) {
      p.wake();
    }
  }

  private void starting(WorkerPool pool) {
    starting = pool;
    if (cancelReason != null) {
      pool.wake();
    }
  }

  private void running(ScheduleRun r) {
    running = r;
    String why = cancelReason;
    if (why != null) {
      r.stop(JobStatus.Canceled, why);
    }
  }
}
