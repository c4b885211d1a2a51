package io.batchscore.core.schedule;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.deployment.OutputAction;
import io.batchscore.core.device.DevicePlanner;
import io.batchscore.core.input.CsvMiniBatchSource;
import io.batchscore.core.input.FileMiniBatchSource;
import io.batchscore.core.input.MiniBatchSource;
import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.logs.JobLog;
import io.batchscore.core.logs.LogFile;
import io.batchscore.core.logs.Progress;
import io.batchscore.core.logs.ProgressMode;
import io.batchscore.core.logs.ProgressReporter;
import io.batchscore.core.logs.ProgressView;
import io.batchscore.core.metrics.JobMetrics;
import io.batchscore.core.metrics.MetricsExport;
import io.batchscore.core.metrics.MetricsServer;
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
  private final RemoteCompute remote;
  private final java.util.function.Consumer<Progress> listener;
  private final CountDownLatch ended = new CountDownLatch(1);
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
    this.remote = b.remote;
    this.listener = b.listener;
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
    CommitJournal.Recovered from;
    if (resume) {
      from = checkResumable(JobFingerprint.of(d, input));
    } else {
      from = new CommitJournal.Recovered(Checkpoint.START, 0);
      clearEarlierJob(predictionsFile);
      layout.create();
      // settings only: the input is checked by the listing digest each commit records
      JobFingerprint.write(layout.jobState(), JobFingerprint.of(d, input));
    }

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JobMetrics metrics = new JobMetrics(registry);
    ThroughputSeries throughput = new ThroughputSeries();

    try (JobLog jobLog = new JobLog(new LogFile(layout.jobLog()))) {
      logStart(jobLog, d, plan);
      // the workers load their models while the input and outputs are set up
      WorkerPool pool = new WorkerPool(metrics, jobLog, scorers, d, registry, layout);
      pool.start(plan.slots()); // none for a remote compute
      try (MiniBatchSource source = source(d);
          MetricsServer metricsServer = metricsServer(registry);
          JobOutputs outputs = new JobOutputs(layout, predictionsFile, from.checkpoint(),
              from.journalBytes())) {
        int workers = remote != null ? remote.workers() : plan.slots().size();
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
          skipCommitted(source, cp);
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
            && pool.noWorkerStarted()
            && s.itemsSucceeded() == 0;
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        layout.create(); // again: the folder may have been removed during the job
        progress.report(status.name());
        progress.close();
        JobResult result = new JobResult(status, s.stopReason() == null ? "" : s.stopReason(),
            s.itemsSucceeded(), s.itemsFailed(), s.batchesCommitted(), couldNotStart,
            layout.outputDir(), predictionsFile, took);
        if (source instanceof CsvMiniBatchSource csv) {
          jobLog.info("tabular input: %d CSV file(s) read, %d other file(s) skipped, %d bytes of"
              + " rows", csv.filesRead(), csv.filesSkipped(), csv.bytesListed());
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
      } catch (IOException | RuntimeException e) {
        pool.abandon(e);
        throw e;
      }
    }
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

  private CommitJournal.Recovered checkResumable(Map<String, String> fingerprint)
      throws IOException {
    if (!Files.exists(layout.jobState())) {
      throw new DeploymentException("--resume: " + layout.outputDir()
          + " holds no job to resume (no logs/sys/job_state.json)");
    }
    List<String> diffs = JobFingerprint.differences(JobFingerprint.read(layout.jobState()),
        fingerprint);
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

  /** A new job in a folder that holds an earlier one replaces its predictions and logs. */
  private void clearEarlierJob(Path predictionsFile) throws IOException {
    if (predictionsFile != null) {
      Files.deleteIfExists(predictionsFile);
    }
    if (Files.isDirectory(layout.logsDir())) {
      try (var paths = Files.walk(layout.logsDir())) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private void checkPaths(Deployment d) {
    if (!Files.exists(input)) {
      throw new DeploymentException("--input " + input + " does not exist");
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
  private MiniBatchSource source(Deployment d) {
    if (d.miniBatchSize().isBytes()) {
      return new CsvMiniBatchSource(input, d.miniBatchSize().bytes());
    }
    return new FileMiniBatchSource(input, d.miniBatchSize().items());
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
