package io.batchscore.core.schedule;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.deployment.OutputAction;
import io.batchscore.core.device.DevicePlanner;
import io.batchscore.core.input.CsvMiniBatchSource;
import io.batchscore.core.input.FileMiniBatchSource;
import io.batchscore.core.input.LookaheadSource;
import io.batchscore.core.input.MiniBatchSource;
import io.batchscore.core.input.SkippedEntries;
import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.logs.JobLog;
import io.batchscore.core.logs.LogFile;
import io.batchscore.core.logs.LogHold;
import io.batchscore.core.logs.Progress;
import io.batchscore.core.logs.ProgressMode;
import io.batchscore.core.logs.ProgressReporter;
import io.batchscore.core.logs.ProgressView;
import io.batchscore.core.metrics.JobMetrics;
import io.batchscore.core.metrics.MetricsExport;
import io.batchscore.core.metrics.MetricsServer;
import io.batchscore.core.output.OutputFolder;
import io.batchscore.core.report.JobReport;
import io.batchscore.core.report.ThroughputSeries;
import io.batchscore.core.resume.Checkpoint;
import io.batchscore.core.resume.CommitJournal;
import io.batchscore.core.resume.JobFingerprint;
import io.batchscore.core.python.PythonScripts;
import io.batchscore.core.scorer.ScorerFactory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * One batch-scoring job, run in this JVM: the embedding API behind {@code batchscore run}.
 *
 * <pre>{@code
 * Deployment d = DeploymentLoader.load(Path.of("deployment.yml"), List.of());
 * JobResult r = BatchJob.builder(d, Path.of("input"), Path.of("out")).build().run();
 * }</pre>
 *
 * <p>{@link #run} checks what a user can get wrong (input, model path, scorer class, devices)
 * before starting anything and throws {@link DeploymentException} for it; after that, every
 * outcome, failures included, is a {@link JobResult} and the output folder's logs.
 */
public final class BatchJob {

  private final Deployment deployment;
  private final Path input;
  private final JobLayout layout;
  private final ScorerFactory factory;
  private final PrintStream console;
  private final long progressMillis;
  private final ProgressMode progressMode;
  private final int metricsPort;
  private final int cores;
  private final boolean resume;
  private final boolean overwrite;
  private final boolean force;
  private final RemoteCompute remote;
  private final java.util.function.Consumer<Progress> listener;
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile WorkerPool starting;
  private SkippedEntries skipped;
  private volatile Scheduler running;
  private volatile String cancelReason;

  private BatchJob(Builder b) {
    this.deployment = b.deployment;
    this.input = b.input.toAbsolutePath().normalize();
    this.layout = new JobLayout(b.output);
    this.factory = b.factory;
    this.console = b.console;
    this.progressMillis = b.progressMillis;
    this.progressMode = b.progressMode;
    this.metricsPort = b.metricsPort;
    this.cores = b.cores;
    this.resume = b.resume;
    this.overwrite = b.overwrite;
    this.force = b.force;
    this.remote = b.remote;
    this.listener = b.listener;
    if (resume && overwrite) {
      throw new DeploymentException("--resume and --overwrite exclude each other: --resume"
          + " finishes the folder's job, --overwrite replaces it");
    }
    if (force && !resume) {
      throw new DeploymentException("--force applies to --resume only");
    }
  }

  /**
   * @param deployment the parsed deployment
   * @param input a file or folder to score
   * @param output the output folder
   * @return a builder
   */
  public static Builder builder(Deployment deployment, Path input, Path output) {
    return new Builder(deployment, input, output);
  }

  /** Options of a {@link BatchJob}. */
  public static final class Builder {
    private final Deployment deployment;
    private final Path input;
    private final Path output;
    private ScorerFactory factory;
    private PrintStream console;
    private long progressMillis = 5000;
    private ProgressMode progressMode = ProgressMode.AUTO;
    private int metricsPort = -1;
    private int cores = Runtime.getRuntime().availableProcessors();
    private boolean resume;
    private boolean overwrite;
    private boolean force;
    private RemoteCompute remote;
    private java.util.function.Consumer<Progress> listener = p -> { };

    private Builder(Deployment deployment, Path input, Path output) {
      this.deployment = deployment;
      this.input = input;
      this.output = output;
    }

    /**
     * @param factory makes the workers' scorers; default: from the deployment's code and class
     * @return this
     */
    public Builder scorerFactory(ScorerFactory factory) {
      this.factory = factory;
      return this;
    }

    /**
     * @param console where plain progress lines go; default none
     * @return this
     */
    public Builder console(PrintStream console) {
      this.console = console;
      return this;
    }

    /**
     * @param millis how often progress is reported
     * @return this
     */
    public Builder progressEvery(long millis) {
      this.progressMillis = millis;
      return this;
    }

    /**
     * @param mode how progress shows on the console: {@code AUTO} (the default) draws a bar when
     *     the console is {@code System.err} and a terminal, plain lines otherwise
     * @return this
     */
    public Builder progress(ProgressMode mode) {
      this.progressMode = java.util.Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * @param port serve {@code http://127.0.0.1:PORT/metrics} (Prometheus text) while the job
     *     runs; 0 picks a free port (logged in {@code sys/job.log}); -1, the default, serves none
     * @return this
     */
    public Builder metricsPort(int port) {
      this.metricsPort = port;
      return this;
    }

    /**
     * @param cores cores to plan engine threads for; default the JVM's available processors
     * @return this
     */
    public Builder cores(int cores) {
      this.cores = cores;
      return this;
    }

    /**
     * @param resume finish the interrupted job in the output folder instead of starting anew
     * @return this
     */
    public Builder resume(boolean resume) {
      this.resume = resume;
      return this;
    }

    /**
     * @param overwrite replace the job the output folder holds (finished or not); without it a
     *     folder holding an earlier job is refused
     * @return this
     */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /**
     * @param force with {@link #resume}: resume even when the scorer code or the model changed
     *     since the interrupted job (its rows and the new ones then come from different versions)
     * @return this
     */
    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    /**
     * @param compute runs the mini-batches elsewhere (a Spark cluster) instead of on this JVM's
     *     worker threads; null, the default, runs them here
     * @return this
     */
    public Builder remote(RemoteCompute compute) {
      this.remote = compute;
      return this;
    }

    /**
     * @param listener takes every progress sample (about four a second) on the progress thread
     * @return this
     */
    public Builder progressListener(java.util.function.Consumer<Progress> listener) {
      this.listener = java.util.Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** @return the job */
    public BatchJob build() {
      return new BatchJob(this);
    }
  }

  /**
   * Runs the job to its end.
   *
   * @return how it ended
   * @throws DeploymentException when the job cannot start; nothing has been scored then
   * @throws IOException when the output folder cannot be written at all
   * @throws InterruptedException when the calling thread is interrupted
   */
  public JobResult run() throws IOException, InterruptedException {
    try {
      return runJob();
    } finally {
      ended.countDown();
    }
  }

  /**
   * Cancels the job: no new mini-batch starts; runs in flight finish (or time out) and are
   * committed; the job ends {@link JobStatus#Canceled} and can be resumed. Safe to call from any
   * thread (a signal handler's, for instance), before or during {@link #run}.
   *
   * @param why the reason written in {@code job_result.txt}
   */
  public void cancel(String why) {
    cancelReason = why;
    Scheduler s = running;
    if (s != null) {
      s.stop(JobStatus.Canceled, why);
    }
    WorkerPool p = starting;
    if (p != null) {
      p.wake();
    }
  }

  /**
   * Waits for {@link #run} to return.
   *
   * @param timeout how long to wait at most
   * @return true when it returned
   * @throws InterruptedException when interrupted
   */
  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private JobResult runJob() throws IOException, InterruptedException {
    long startNanos = System.nanoTime();
    LocalDateTime started = LocalDateTime.now();
    Deployment d = deployment;
    checkPaths(d);
    ScorerFactory scorers = factory != null ? factory
        : d.isPythonScript() ? PythonScripts.factory(d, System.err)
        : ScorerFactory.load(d.code(), d.scorerClass(), BatchJob.class.getClassLoader());
    DevicePlanner.Plan plan = remote != null
        ? new DevicePlanner.Plan(List.of(), List.of(), remote.describe())
        : DevicePlanner.plan(d.devices(), DevicePlanner.discover(scorers.classLoader()),
            d.instanceCount(), d.maxConcurrencyPerInstance(), d.intraOpThreads(), cores);
    Path predictionsFile = d.outputAction() == OutputAction.APPEND_ROW
        ? layout.predictions(d.outputFileName()) : null;
    Map<String, String> fingerprint = JobFingerprint.of(d, input);
    OutputFolder.Mode mode = resume ? OutputFolder.Mode.RESUME
        : overwrite ? OutputFolder.Mode.OVERWRITE : OutputFolder.Mode.NEW;
    // Nothing in the folder is changed until everything that can be checked has been: the
    // folder, the port, the resumed job's settings, input, code and model, a worker's init.
    try (OutputFolder folder = OutputFolder.claim(layout, mode)) {
      Map<String, String> before = resume ? readFingerprint() : null;
      CommitJournal.Recovered from = resume ? checkResumable(before, fingerprint)
          : new CommitJournal.Recovered(Checkpoint.START, 0);
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      JobMetrics metrics = new JobMetrics(registry);
      LogHold hold = new LogHold();
      try (MetricsServer metricsServer = metricsServer(registry);
          JobLog jobLog = new JobLog(new LogFile(layout.jobLog(), hold))) {
        logStart(jobLog, d, plan);
        // the workers load their models while the input is listed and checksums are taken
        WorkerPool pool = new WorkerPool(metrics, jobLog, scorers, d, registry, layout, hold);
        JobState state = new JobState(layout.jobState(), fingerprint);
        FutureTask<Void> checksums = new FutureTask<>(() -> {
          state.checksums(ContentChecks.of(d, input, layout.outputDir()));
          return null;
        });
        try (LookaheadSource source = new LookaheadSource(source(d, jobLog))) {
          List<WorkerSlot> slots = workersFor(source, plan.slots(), jobLog);
          pool.start(slots); // none for a remote compute
          Thread checksummer = new Thread(checksums, "batchscore-checksums");
          checksummer.setDaemon(true);
          checksummer.start();
          Checkpoint cp = from.checkpoint();
          if (resume) {
            skipCommitted(source, cp);
          }
          if (resume) { // a new job does not wait: its job_state.json gets them when known
            ContentChecks.await(checksums);
            ContentChecks.compare(before, state.fingerprint(), force, layout.outputDir(), jobLog);
          }
          starting = pool;
          if (remote == null && !pool.awaitFirstInit(() -> cancelReason != null)) {
            return cancelReason != null ? canceledBeforeStart(hold, pool, cp, startNanos)
                : couldNotStart(folder, hold, pool, jobLog, startNanos);
          }
          folder.prepare(predictionsFile, resume);
          state.folderReady();
          hold.release();
          try {
            int workers = remote != null ? remote.workers() : slots.size();
            return score(d, plan, workers, source, from, predictionsFile, registry, metrics,
                metricsServer, jobLog, pool, started, startNanos);
          } finally {
            ContentChecks.settle(checksums); // a job shorter than its checksums records them too
            state.close(); // the folder is released next: no late write of the checksums
          }
        } catch (IOException | RuntimeException | InterruptedException e) {
          hold.drop();
          pool.abandon(e);
          throw e;
        } catch (java.util.concurrent.ExecutionException e) {
          hold.drop();
          pool.abandon(e);
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /**
   * A new job starts no more workers than its input has mini-batches (and one at least): the
   * first mini-batches are cut before the workers start, to count them. A resumed job, whose
   * input is listed while the workers load, starts them all.
   */
  private List<WorkerSlot> workersFor(LookaheadSource source, List<WorkerSlot> slots,
      JobLog jobLog) throws IOException {
    if (resume || slots.size() <= 1) {
      return slots;
    }
    int batches;
    try {
      batches = source.peek(slots.size());
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new DeploymentException("--input " + input + " cannot be read: " + e.getMessage());
    }
    if (batches >= slots.size()) {
      return slots;
    }
    int n = Math.max(1, batches);
    String line = "the input makes " + batches + " mini-batch(es): " + n + " of the "
        + slots.size() + " workers planned start";
    jobLog.info("%s", line);
    if (console != null) {
      console.println("batchscore: " + line);
    }
    return slots.subList(0, n);
  }

  /** Runs the job proper, once its folder is ready and a worker has started. */
  private JobResult score(Deployment d, DevicePlanner.Plan plan, int workers,
      LookaheadSource source,
      CommitJournal.Recovered from, Path predictionsFile, PrometheusMeterRegistry registry,
      JobMetrics metrics, MetricsServer metricsServer, JobLog jobLog, WorkerPool pool,
      LocalDateTime started, long startNanos) throws IOException, InterruptedException {
    ThroughputSeries throughput = new ThroughputSeries();
    try (JobOutputs outputs = new JobOutputs(layout, predictionsFile, from.checkpoint(),
        from.journalBytes())) {
      int window = remote != null ? remote.window() : Math.max(16, 4 * workers);
      if (metricsServer != null) {
        jobLog.info("serving metrics at %s while the job runs", metricsServer.url());
        if (console != null) {
          console.println("batchscore: serving metrics at " + metricsServer.url());
        }
      }
      Checkpoint cp = from.checkpoint();
      throughput.baseline(cp.itemsSucceeded() + cp.itemsFailed());
      if (resume) {
        jobLog.info("resuming: %d mini-batches (%d items succeeded, %d failed) were committed"
            + " before and the input still lists them alike; going on from mini-batch %d",
            cp.nextIndex(), cp.itemsSucceeded(), cp.itemsFailed(), cp.nextIndex());
      }
      Scheduler scheduler = new Scheduler(source, cp,
          cp.itemsFailed() > 0 ? outputs.firstRecordedFailure() : null, window,
          d.retry().maxRetries(), d.isolateFailures(), d.errorThreshold(),
          predictionsFile != null,
          outputs, metrics, workers);
      running = scheduler;
      if (cancelReason != null) {
        scheduler.stop(JobStatus.Canceled, cancelReason);
      }
      pool.attach(scheduler);

      ProgressReporter progress = new ProgressReporter(
          new LogFile(layout.progressOverview(started)), ProgressView.of(progressMode, console),
          () -> progress(scheduler.snapshot(), startNanos), progressMillis,
          p -> {
            throughput.sample(p);
            listener.accept(p);
          });
      progress.start();
      if (remote != null) {
        runRemote(scheduler, metrics, jobLog);
      }
      scheduler.awaitFinished(Long.MAX_VALUE);
      pool.stop(d.retry().timeout());
      outputs.sync();

      try {
        outputs.checkPresent();
      } catch (IOException e) {
        scheduler.stop(JobStatus.Failed, "cannot write the output: " + e.getMessage());
      }
      Scheduler.Snapshot s = scheduler.snapshot();
      throughput.last(progress(s, startNanos));
      JobStatus status = s.stopStatus() == null ? JobStatus.Completed : s.stopStatus();
      boolean couldNotStart = status == JobStatus.Failed && remote == null
          && pool.noWorkerStarted() && s.itemsSucceeded() == 0;
      Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
      layout.create(); // again: the folder may have been removed during the job
      progress.report(status.name());
      progress.close();
      JobResult result = new JobResult(status, s.stopReason() == null ? "" : s.stopReason(),
          s.itemsSucceeded(), s.itemsFailed(), s.batchesCommitted(), couldNotStart,
          layout.outputDir(), predictionsFile, took);
      if (source.source() instanceof CsvMiniBatchSource csv) {
        jobLog.info("tabular input: %d CSV file(s) read, %d other file(s) skipped, %d bytes of"
            + " rows", csv.filesRead(), csv.filesSkipped(), csv.bytesListed());
        if (csv.filesSkipped() > 0 && console != null) {
          console.println("batchscore: mini_batch_size " + d.miniBatchSize() + " is a size, so"
              + " the input is read as CSV: " + csv.filesSkipped() + " file(s) not named *.csv"
              + " were skipped (give a count, such as mini_batch_size: 10, to score files)");
        }
      }
      if (skipped.notUtf8() > 0 && console != null) {
        console.println("batchscore: " + skipped.notUtf8() + " input file name(s) are not valid"
            + " UTF-8: scored, but text made from their names shows U+FFFD; each is named in "
            + layout.jobLog());
      }
      if (skipped.total() > 0) {
        jobLog.warn("%d input entries skipped: %s", skipped.total(), skipped.summary());
        if (console != null) {
          console.println("batchscore: " + skipped.total() + " input entries skipped ("
              + skipped.summary() + "); each is named in " + layout.jobLog());
        }
      }
      if (s.itemsUncommitted() > 0) {
        jobLog.info("%d item(s) were scored but not committed (a mini-batch before them did not"
            + " end); a resume scores them again", s.itemsUncommitted());
        if (console != null) {
          console.println("batchscore: " + s.itemsUncommitted() + " item(s) were scored but not"
              + " committed; --resume scores them again");
        }
      }
      // the job's end is reported even when the disk is full: each file on its own
      bestEffort(jobLog, "logs/job_error.txt", () -> outputs.writeJobError(layout.jobError(),
          s.stopReason(), s.firstFailure(), s.itemsFailed()));
      bestEffort(jobLog, "logs/job_result.txt", () -> writeJobResult(result, s, started));
      // The metrics and the report only read what the job left, and their code runs once, cold:
      // written side by side, now that the workers have stopped, the job ends ~30 ms sooner.
      Thread reportWriter = new Thread(() -> bestEffort(jobLog, "logs/report.html",
          () -> JobReport.write(layout.report(), d.name(),
              new JobReport.Outcome(status.name(), result.reason(), s.itemsSucceeded(),
                  s.itemsFailed(), s.batchesCommitted(),
                  started.withNano(0).toString().replace('T', ' '), took),
              JobReport.settings(d, input, layout.outputDir(), plan.note(), workers),
              throughput, metrics, layout.failedItems())), "batchscore-report");
      reportWriter.setDaemon(true);
      reportWriter.start();
      bestEffort(jobLog, "logs/metrics.json",
          () -> MetricsExport.writeJson(registry, layout.metricsJson()));
      bestEffort(jobLog, "logs/metrics.prom",
          () -> MetricsExport.writePrometheus(registry, layout.metricsProm()));
      reportWriter.join();
      jobLog.info("job %s in %.3f s: %d items succeeded, %d failed, %d mini-batches%s", status,
          took.toNanos() / 1e9, s.itemsSucceeded(), s.itemsFailed(), s.batchesCommitted(),
          s.stopReason() == null ? "" : "; " + s.stopReason());
      return result;
    }
  }

  /**
   * Every worker failed its init: nothing was scored. A folder that held an earlier job is left
   * as it was; a new one gets the logs and {@code logs/job_error.txt}.
   */
  private JobResult couldNotStart(OutputFolder folder, LogHold hold, WorkerPool pool,
      JobLog jobLog, long startNanos) throws IOException {
    String reason = "every worker failed to init; last error: " + pool.lastInitError();
    pool.abandon(new IllegalStateException(reason));
    if (folder.heldEarlierJob()) {
      hold.drop();
    } else {
      folder.prepare(null, false);
      hold.release();
      jobLog.warn("job could not start: %s", reason);
      Files.writeString(layout.jobError(), "Job error: " + reason + "\n", StandardCharsets.UTF_8);
    }
    return new JobResult(JobStatus.Failed, reason, 0, 0, 0, true, layout.outputDir(), null,
        Duration.ofNanos(System.nanoTime() - startNanos));
  }

  /** Canceled while the workers were still loading: the folder is left as it was. */
  private JobResult canceledBeforeStart(LogHold hold, WorkerPool pool, Checkpoint cp,
      long startNanos) {
    hold.drop();
    pool.abandon(new IllegalStateException(cancelReason));
    return new JobResult(JobStatus.Canceled, cancelReason, cp.itemsSucceeded(),
        cp.itemsFailed(), cp.nextIndex(), false, layout.outputDir(), null,
        Duration.ofNanos(System.nanoTime() - startNanos));
  }

  /** Runs the mini-batches on the remote compute; its failure as a whole fails the job. */
  private void runRemote(Scheduler scheduler, JobMetrics metrics, JobLog jobLog)
      throws InterruptedException {
    RemoteWorkers workers = new RemoteWorkers(scheduler, metrics, layout, jobLog);
    try {
      remote.run(workers);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      jobLog.warn("%s failed: %s", remote.describe(), Worker.reason(e));
      scheduler.stop(JobStatus.Failed, remote.describe() + " failed: " + Worker.reason(e));
    } finally {
      workers.end();
    }
  }

  private MetricsServer metricsServer(PrometheusMeterRegistry registry) {
    if (metricsPort < 0) {
      return null;
    }
    try {
      return MetricsServer.start(registry, metricsPort);
    } catch (IOException | IllegalArgumentException e) {
      throw new DeploymentException("--metrics-port " + metricsPort + ": cannot serve metrics on"
          + " 127.0.0.1: " + e.getMessage());
    }
  }

  /** Writes one of the job's end files. */
  private interface EndFile {
    void write() throws IOException;
  }

  private void bestEffort(JobLog log, String name, EndFile file) {
    try {
      file.write();
    } catch (IOException | RuntimeException e) {
      log.warn("cannot write %s: %s", name, e);
      System.err.println("batchscore: cannot write " + name + ": " + e.getMessage());
    }
  }

  /**
   * Lists the mini-batches a resumed job committed before, refusing to go on when the input no
   * longer lists them as it did: rows of files since added, removed, renamed or modified would
   * sit in the output beside rows scored from the input as it is now.
   */
  private void skipCommitted(MiniBatchSource source, Checkpoint cp) throws IOException {
    long skipped = source.skip(cp.nextIndex());
    long items = cp.itemsSucceeded() + cp.itemsFailed();
    if (skipped < cp.nextIndex()) {
      throw new DeploymentException("--resume refused: " + input + " now makes " + skipped
          + " mini-batch(es), fewer than the " + cp.nextIndex() + " (" + items + " items) that "
          + layout.outputDir() + " committed: files were removed; run the job again without"
          + " --resume");
    }
    String now = source.listingDigest();
    if (cp.nextIndex() > 0 && cp.listing().isEmpty() && !now.isEmpty()) {
      throw new DeploymentException("--resume refused: the commits in " + layout.outputDir()
          + " do not record the input's listing (an earlier BatchScore wrote them), so it cannot"
          + " be checked; run the job again without --resume");
    }
    if (!cp.listing().equals(now)) {
      throw new DeploymentException("--resume refused: the files of the first " + cp.nextIndex()
          + " mini-batch(es) (" + items + " items) committed in " + layout.outputDir()
          + " are no longer listed alike under " + input + " (a file among them was added,"
          + " removed, renamed or modified; listing digest was " + cp.listing() + ", now " + now
          + "); run the job again without --resume");
    }
  }

  private Map<String, String> readFingerprint() throws IOException {
    try {
      return JobFingerprint.read(layout.jobState());
    } catch (IOException e) {
      throw new DeploymentException("--resume: " + layout.jobState() + " cannot be read ("
          + e.getMessage() + "); run the job again without --resume");
    }
  }

  private CommitJournal.Recovered checkResumable(Map<String, String> before,
      Map<String, String> fingerprint) throws IOException {
    List<String> diffs = JobFingerprint.differences(before, fingerprint);
    if (!diffs.isEmpty()) {
      throw new DeploymentException("--resume refused: " + layout.outputDir()
          + " holds a different job: " + String.join("; ", diffs));
    }
    Path predictions = layout.predictions(deployment.outputFileName());
    try {
      return CommitJournal.readLast(layout.commitJournal(), sizeOf(predictions),
              sizeOf(layout.processedMiniBatches()), sizeOf(layout.failedItems()))
          .orElse(new CommitJournal.Recovered(Checkpoint.START, 0));
    } catch (IllegalArgumentException e) { // a line neither torn nor a checkpoint
      throw new DeploymentException("--resume: " + layout.commitJournal() + " is damaged ("
          + e.getMessage() + "); run the job again without --resume");
    }
  }

  private static long sizeOf(Path file) throws IOException {
    return Files.exists(file) ? Files.size(file) : 0;
  }

  private void checkPaths(Deployment d) {
    if (!Files.exists(input)) {
      throw new DeploymentException("--input " + input + " does not exist");
    }
    if (Files.isDirectory(input) && OutputFolder.isInside(layout.outputDir(), input)) {
      throw new DeploymentException("--output " + layout.outputDir() + " is inside --input "
          + input + ": the job would score its own predictions and logs; choose an output"
          + " folder outside the input");
    }
    if (!Files.exists(d.modelPath())) {
      throw new DeploymentException(d.source().getFileName() + ": model.path " + d.modelPath()
          + " does not exist");
    }
  }

  /**
   * Chooses the input's reader: {@code mini_batch_size} given as a size ({@code 1MB}) makes the
   * input tabular (CSV rows cut by bytes); a count makes it file input (paths cut by count).
   */
  private MiniBatchSource source(Deployment d, JobLog jobLog) {
    skipped = new SkippedEntries(line -> jobLog.warn("%s", line));
    if (d.miniBatchSize().isBytes()) {
      return new CsvMiniBatchSource(input, d.miniBatchSize().bytes(),
          CsvMiniBatchSource.DEFAULT_MAX_RECORD_BYTES, skipped);
    }
    return new FileMiniBatchSource(input, d.miniBatchSize().items(), skipped);
  }

  private void logStart(JobLog log, Deployment d, DevicePlanner.Plan plan) {
    log.info("job started: deployment %s (%s), input %s, output %s", d.name(), d.source(), input,
        layout.outputDir());
    log.info("scorer %s from %s; model.path %s", d.scorerClass(),
        d.code().map(Path::toString).orElse("the class path"), d.modelPath());
    log.info("mini_batch_size %s, max_retries %d, timeout %s s, error_threshold %d,"
            + " output_action %s, isolate_failed_items %s", d.miniBatchSize(),
        d.retry().maxRetries(), d.retry().timeout().toMillis() / 1000.0, d.errorThreshold(),
        d.outputAction().name().toLowerCase(java.util.Locale.ROOT), d.isolateFailures());
    if (remote != null) {
      log.info("mini-batches scored on %s", plan.note());
    } else {
      log.info("%s; %d workers (%d instance(s) x %d per device), %d intra-op thread(s) each",
          plan.note(), plan.slots().size(), d.instanceCount(), d.maxConcurrencyPerInstance(),
          plan.slots().isEmpty() ? 0 : plan.slots().get(0).intraOpThreads());
    }
    for (var f : plan.found()) {
      log.info("found %s: %s, %d MiB, %s", f.device(), f.name(), f.memoryBytes() >> 20, f.uuid());
    }
    if (!d.ignoredKeys().isEmpty()) {
      log.info("keys ignored locally: %s", String.join(", ", d.ignoredKeys()));
    }
  }

  private static Progress progress(Scheduler.Snapshot s, long startNanos) {
    return new Progress(s.batchesCreated(), s.batchesCommitted(), s.itemsSucceeded(),
        s.itemsFailed(), s.itemsListed(), s.inputListed(), System.nanoTime() - startNanos);
  }

  private void writeJobResult(JobResult r, Scheduler.Snapshot s, LocalDateTime started)
      throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(r.status().name());
    lines.add("items: " + (r.itemsSucceeded() + r.itemsFailed()));
    lines.add("succeeded: " + r.itemsSucceeded());
    lines.add("failed: " + r.itemsFailed());
    lines.add("mini-batches: " + r.miniBatches());
    if (s.itemsUncommitted() > 0) {
      lines.add("uncommitted: " + s.itemsUncommitted() + " (scored after a mini-batch that did"
          + " not end; not in the output, a resume scores them again)");
    }
    lines.add("started: " + started);
    lines.add("duration_s: " + String.format(java.util.Locale.ROOT, "%.3f",
        r.duration().toNanos() / 1e9));
    if (r.predictions() != null) {
      lines.add("predictions: " + r.predictions());
    }
    if (!r.reason().isEmpty()) {
      lines.add("reason: " + r.reason());
    }
    Files.write(layout.jobResult(), lines, StandardCharsets.UTF_8);
  }
}
