package io.batchscore.core.job;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.device.WorkerSlot;
import io.batchscore.core.input.LookaheadSource;
import io.batchscore.core.input.SkippedEntries;
import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.logs.JobLog;
import io.batchscore.core.logs.LogFile;
import io.batchscore.core.logs.LogHold;
import io.batchscore.core.metrics.JobMetrics;
import io.batchscore.core.metrics.MetricsServer;
import io.batchscore.core.output.OutputFolder;
import io.batchscore.core.resume.Checkpoint;
import io.batchscore.core.resume.CommitJournal;
import io.batchscore.core.schedule.JobCounts;
import io.batchscore.core.schedule.WorkerPool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BooleanSupplier;

/**
 * A job's prepare phase and what it holds until the job ends: the claimed output folder, the
 * logs and meters, the workers (started early, so models load while the input is listed and
 * checksums are taken) and the input. Nothing in the folder changes until {@link #start} returns
 * {@link Start#READY}: every check a user can fail has been made by then.
 *
 * <p>Used by one thread, the job's.
 */
final class PreparedJob implements AutoCloseable {

  /** How {@link #start} ended. */
  enum Start {
    READY,
    CANCELED,
    NO_WORKER
  }

  final JobOptions options;
  final JobLayout layout;
  final JobPlan plan;
  final CommitJournal.Recovered from;
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final JobMetrics metrics = new JobMetrics(registry);
  final LogHold hold = new LogHold();
  final JobLog jobLog;
  final JobNotes notes;
  final SkippedEntries skipped;
  final MetricsServer metricsServer;
  private final OutputFolder folder;
  private final Map<String, String> before;
  private WorkerPool pool;
  private JobState state;
  private FutureTask<Void> checksums;
  private LookaheadSource source;
  private int workers;

  private PreparedJob(JobOptions o, JobLayout layout, JobPlan plan, OutputFolder folder)
      throws IOException {
    this.options = o;
    this.layout = layout;
    this.plan = plan;
    this.folder = folder;
    this.before = o.resume() ? ResumeCheck.readFingerprint(layout) : null;
    this.from =
        o.resume()
            ? ResumeCheck.recover(layout, o.deployment(), o.input(), before)
            : new CommitJournal.Recovered(Checkpoint.START, 0);
    this.metricsServer = metricsServer(o.metricsPort());
    this.jobLog = new JobLog(new LogFile(layout.jobLog(), hold));
    this.notes = new JobNotes(jobLog, o.console());
    this.skipped = new SkippedEntries(line -> jobLog.warn("%s", line));
  }

  /**
   * Claims the output folder and checks a resumed job's state; writes nothing.
   *
   * @throws DeploymentException when the folder, the port or the resumed job is refused
   */
  static PreparedJob open(JobOptions o, JobLayout layout, JobPlan plan) throws IOException {
    OutputFolder folder = OutputFolder.claim(layout, o.folderMode());
    try {
      PreparedJob p = new PreparedJob(o, layout, plan, folder);
      p.notes.start(o, layout.outputDir(), plan.devices());
      return p;
    } catch (IOException | RuntimeException e) {
      folder.close();
      throw e;
    }
  }

  /**
   * Starts the workers and the input, checks a resume's input and contents, and waits for a
   * worker's init. On {@link Start#READY} the folder is prepared and the logs flow to it; on any
   * other end, thrown ones included, the workers are stopped and the folder left as it was.
   *
   * @param canceled whether the job was canceled meanwhile
   * @param onPool told of the pool once it runs, so a cancel can wake its wait
   */
  Start start(BooleanSupplier canceled, java.util.function.Consumer<WorkerPool> onPool)
      throws IOException, InterruptedException {
    Deployment d = options.deployment();
    pool =
        new WorkerPool(
            metrics, jobLog, plan.scorers(), d, registry, layout, hold, options.workerFault());
    try {
      state = new JobState(layout.jobState(), plan.fingerprint());
      checksums =
          new FutureTask<>(
              () -> {
                state.checksums(ContentChecks.of(d, options.input(), layout.outputDir()));
                return null;
              });
      source = new LookaheadSource(JobInput.source(d, options.input(), skipped));
      List<WorkerSlot> slots =
          JobInput.workersFor(
              source,
              plan.devices().slots(),
              options.resume(),
              options.input(),
              jobLog,
              options.console());
      workers = options.local() ? slots.size() : options.remote().workers();
      pool.start(slots); // none for a remote compute
      Thread checksummer = new Thread(checksums, "batchscore-checksums");
      checksummer.setDaemon(true);
      checksummer.start();
      if (options.resume()) {
        ResumeCheck.skipCommitted(source, from.checkpoint(), options.input(), layout.outputDir());
        ContentChecks.await(checksums); // a new job does not wait: its state gets them later
        ContentChecks.compare(
            before, state.fingerprint(), options.force(), layout.outputDir(), jobLog);
      }
      onPool.accept(pool);
      if (options.local() && !pool.awaitFirstInit(canceled)) {
        return canceled.getAsBoolean() ? Start.CANCELED : Start.NO_WORKER;
      }
      folder.prepare(plan.predictionsFile(), options.resume());
      state.folderReady();
      hold.release();
      return Start.READY;
    } catch (IOException | RuntimeException | InterruptedException e) {
      abandon(e.toString());
      throw e;
    } catch (ExecutionException e) {
      abandon(e.toString());
      throw new IllegalStateException(e);
    }
  }

  private void abandon(String why) throws InterruptedException {
    hold.drop();
    pool.stop(options.deployment().retry().timeout(), why);
  }

  /** Canceled while the workers were still loading: the folder is left as it was. */
  JobResult canceledBeforeStart(String reason, Duration took) throws InterruptedException {
    abandon(reason);
    Checkpoint cp = from.checkpoint();
    return new JobResult(
        JobStatus.Canceled,
        reason,
        cp.itemsSucceeded(),
        cp.itemsFailed(),
        cp.nextIndex(),
        false,
        layout.outputDir(),
        Optional.empty(),
        took);
  }

  /**
   * Every worker failed its init: nothing was scored. A folder that held an earlier job is left
   * as it was; a new one gets the logs, {@code logs/job_error.txt} and {@code job_result.txt}.
   */
  JobResult couldNotStart(LocalDateTime started, Duration took)
      throws IOException, InterruptedException {
    String reason = "every worker failed to init; last error: " + pool.lastInitError();
    pool.stop(options.deployment().retry().timeout(), reason);
    JobResult r =
        new JobResult(
            JobStatus.Failed, reason, 0, 0, 0, true, layout.outputDir(), Optional.empty(), took);
    if (folder.heldEarlierJob()) {
      hold.drop();
      return r;
    }
    folder.prepare(null, false);
    hold.release();
    jobLog.warn("job could not start: %s", reason);
    Files.writeString(layout.jobError(), "Job error: " + reason + "\n", StandardCharsets.UTF_8);
    new JobEnd(this)
        .writeResult(
            r,
            JobCounts.at(Checkpoint.START)
                .stoppedBy(io.batchscore.core.schedule.JobStatus.Failed, reason),
            started);
    return r;
  }

  WorkerPool pool() {
    return pool;
  }

  LookaheadSource source() {
    return source;
  }

  /** @return how many workers score: the local ones started, or the remote compute's */
  int workers() {
    return workers;
  }

  private MetricsServer metricsServer(int port) {
    if (port < 0) {
      return null;
    }
    try {
      return MetricsServer.start(registry, port);
    } catch (IOException | IllegalArgumentException e) {
      throw new DeploymentException(
          "--metrics-port " + port + ": cannot serve metrics on" + " 127.0.0.1: " + e.getMessage());
    }
  }

  /** Records the checksums (a job shorter than them too), then closes input, logs, folder. */
  @Override
  public void close() throws IOException {
    try {
      if (checksums != null) {
        ContentChecks.settle(checksums);
      }
      if (state != null) {
        state.close(); // the folder is released below: no late write of the checksums
      }
      if (source != null) {
        source.close();
      }
    } finally {
      jobLog.close();
      if (metricsServer != null) {
        metricsServer.close();
      }
      folder.close();
    }
  }
}
