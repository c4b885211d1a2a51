package io.batchscore.core.job;

import io.batchscore.core.logs.LogFile;
import io.batchscore.core.logs.Progress;
import io.batchscore.core.logs.ProgressReporter;
import io.batchscore.core.logs.ProgressView;
import io.batchscore.core.report.ThroughputSeries;
import io.batchscore.core.resume.Checkpoint;
import io.batchscore.core.schedule.JobCounts;
import io.batchscore.core.schedule.JobStatus;
import io.batchscore.core.schedule.ScheduleRun;
import io.batchscore.core.scorer.ErrorLine;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The run phase of a job, once its folder is ready and a worker has started, and its one way
 * out. Every end goes through {@link #run}'s last part, in this order: the ledger is stopped with
 * the end's status (unless it finished), the workers are stopped explicitly (bounded), the outputs
 * are forced to storage, {@code job_error.txt}, {@code job_result.txt}, the report and the
 * metrics are written, and the outputs are closed last. The ends: completed; failed (error
 * threshold, output, no worker, a worker killed by a runtime bug); canceled; an exception on the
 * job's thread (failed, "internal error"); an interrupt of the job's thread (canceled, and the
 * {@link InterruptedException} is thrown once the files are written).
 */
final class ScoringPhase {

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final PreparedJob p;
  private final JobOptions o;
  private final Consumer<ScheduleRun> onRun;

  /**
   * @param p the prepared job
   * @param onRun told of the ledger once it is open, so a cancel can stop it
   */
  ScoringPhase(PreparedJob p, Consumer<ScheduleRun> onRun) {
    this.p = p;
    this.o = p.options;
    this.onRun = onRun;
  }

  JobResult run(LocalDateTime started, long startNanos) throws InterruptedException {
    Checkpoint cp = p.from.checkpoint();
    ThroughputSeries throughput = new ThroughputSeries();
    throughput.baseline(cp.itemsSucceeded() + cp.itemsFailed());
    ScheduleRun run = null;
    ProgressReporter progress = null;
    JobStatus endStatus = null;
    String endReason = null;
    InterruptedException interrupt = null;
    Error error = null;
    try {
      if (p.metricsServer != null) {
        p.jobLog.info("serving metrics at %s while the job runs", p.metricsServer.url());
        p.notes.tell("serving metrics at " + p.metricsServer.url());
      }
      if (o.resume()) {
        p.jobLog.info(
            "resuming: %d mini-batches (%d items succeeded, %d failed) were committed"
                + " before and the input still lists them alike; going on from mini-batch %d",
            cp.nextIndex(), cp.itemsSucceeded(), cp.itemsFailed(), cp.nextIndex());
      }
      int window = o.local() ? Math.max(16, 4 * p.workers()) : o.remote().window();
      run =
          ScheduleRun.open(
              o.deployment(),
              p.layout,
              p.plan.predictionsFile(),
              p.from,
              p.source(),
              window,
              p.workers(),
              p.metrics,
              p.jobLog);
      ScheduleRun ledger = run;
      onRun.accept(run);
      progress =
          new ProgressReporter(
              new LogFile(p.layout.progressOverview(started)),
              ProgressView.of(o.progressMode(), o.console()),
              () -> progress(ledger.counts(), startNanos),
              o.progressMillis(),
              s -> {
                throughput.sample(s);
                if (o.listener() != null) {
                  o.listener().onProgress(JobProgress.of(s));
                }
              });
      progress.start();
      if (o.local()) {
        run.feed(p.pool());
      } else {
        run.feed(o.remote());
      }
      while (!run.awaitFinished(POLL_NANOS)) {
        String fatal = p.pool().fatal();
        if (fatal != null) {
          endStatus = JobStatus.Failed;
          endReason = fatal;
          break;
        }
      }
    } catch (InterruptedException e) {
      interrupt = e;
      endStatus = JobStatus.Canceled;
      endReason = "interrupted: the job's thread was interrupted; finish it with --resume";
    } catch (IOException | RuntimeException | Error e) {
      error = e instanceof Error err ? err : null;
      endStatus = JobStatus.Failed;
      endReason =
          (run == null && e instanceof IOException
                  ? "cannot write the output: "
                  : "internal error: ")
              + ErrorLine.of(e);
      p.jobLog.warn("%s", endReason);
      e.printStackTrace(); // a bug: its stack goes to the console's error stream
    }
    JobResult r = end(run, progress, throughput, endStatus, endReason, started, startNanos);
    if (interrupt != null) {
      throw interrupt;
    }
    if (error != null) {
      throw error;
    }
    return r;
  }

  /** The one way out. */
  private JobResult end(
      ScheduleRun run,
      ProgressReporter progress,
      ThroughputSeries throughput,
      JobStatus status,
      String reason,
      LocalDateTime started,
      long startNanos)
      throws InterruptedException {
    if (run != null && status != null) {
      run.stop(status, reason);
    }
    p.pool().stop(o.deployment().retry().timeout(), reason == null ? "the job ended" : reason);
    if (run != null) {
      try {
        run.settle();
      } catch (IOException e) {
        run.stop(JobStatus.Failed, "cannot write the output: " + e.getMessage());
      }
    }
    JobCounts s = run != null ? run.counts() : JobCounts.at(p.from.checkpoint());
    if (status != null) {
      s = s.stoppedBy(status, reason);
    }
    throughput.last(progress(s, startNanos));
    JobStatus st = s.stopStatus() == null ? JobStatus.Completed : s.stopStatus();
    try {
      p.layout.create(); // again: the folder may have been removed during the job
    } catch (RuntimeException e) {
      p.jobLog.warn("cannot make the output folder again: %s", e);
    }
    if (progress != null) {
      progress.report(st.name());
      progress.close();
    }
    JobResult r =
        new JobResult(
            io.batchscore.core.job.JobStatus.valueOf(st.name()),
            s.stopReason() == null ? "" : s.stopReason(),
            s.itemsSucceeded(),
            s.itemsFailed(),
            s.batchesCommitted(),
            false, // a job scores only once a worker started: PreparedJob ends the others
            p.layout.outputDir(),
            Optional.ofNullable(p.plan.predictionsFile()),
            JobEnd.since(startNanos));
    p.notes.end(o.deployment(), p.source().source(), p.skipped, s, p.layout.jobLog());
    new JobEnd(p).write(run, s, r, throughput, started);
    if (run != null) {
      try {
        run.close(); // the outputs, last
      } catch (IOException e) {
        p.jobLog.warn("cannot close the outputs: %s", e);
      }
    }
    return r;
  }

  private static Progress progress(JobCounts s, long startNanos) {
    return new Progress(
        s.batchesCreated(),
        s.batchesCommitted(),
        s.itemsSucceeded(),
        s.itemsFailed(),
        s.itemsListed(),
        s.inputListed(),
        System.nanoTime() - startNanos);
  }
}
