package io.batchscore.core.job;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.logs.ProgressMode;
import io.batchscore.core.schedule.RemoteCompute;
import io.batchscore.core.scorer.ScorerFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One batch-scoring job run inside this JVM: what {@code batchscore run} does, with the same
 * output folder and logs.
 *
 * <pre>{@code
 * Deployment d = DeploymentLoader.load(Path.of("deployment.yml"), List.of("mini_batch_size=50"));
 * ScoringJob job = ScoringJob.builder(d, Path.of("data"), Path.of("out"))
 *     .listener(p -> System.out.println(p.line()))
 *     .build();
 * JobResult r = job.run();            // or job.start() ... job.cancel("...") ... job.awaitEnd()
 * }</pre>
 *
 * <p><b>Errors.</b> What a user can get wrong (input, model path, scorer class, devices) is checked
 * before anything is scored and thrown as a {@link DeploymentException} with a one-line message;
 * after that every outcome, failures included, is a {@link JobResult} and the output folder's
 * logs.
 *
 * <p><b>Threads.</b> A job runs once, either by {@link #run} on the caller's thread or by
 * {@link #start} on a thread of its own. {@link #cancel} and {@link #awaitEnd} may be called from
 * any thread, at any time.
 */
public final class ScoringJob {

  private final JobRun job;
  private final ProgressListener listener;
  private final AtomicBoolean started = new AtomicBoolean();
  private final CompletableFuture<JobResult> end = new CompletableFuture<>();

  private ScoringJob(JobOptions options, ProgressListener listener) {
    this.job = new JobRun(options);
    this.listener = listener;
  }

  /**
   * @param deployment the deployment, from {@code DeploymentLoader.load}
   * @param input a file or folder to score
   * @param output the output folder: new, empty, or holding a BatchScore job to {@link
   *     Builder#resume} or {@link Builder#overwrite}
   * @return a builder
   */
  public static Builder builder(Deployment deployment, Path input, Path output) {
    return new Builder(deployment, input, output);
  }

  /** Options of a {@link ScoringJob}; all have defaults, and all are checked by {@link #build}. */
  public static final class Builder {
    private final Deployment deployment;
    private final Path input;
    private final Path output;
    private ProgressListener listener;
    private PrintStream console;
    private Duration progressEvery = Duration.ofSeconds(5);
    private ProgressMode progressMode = ProgressMode.AUTO;
    private int metricsPort = -1;
    private int cores = Runtime.getRuntime().availableProcessors();
    private boolean resume;
    private boolean overwrite;
    private boolean force;
    private ScorerFactory factory;
    private RemoteCompute remote;
    private Runnable workerFault;

    private Builder(Deployment deployment, Path input, Path output) {
      this.deployment = Objects.requireNonNull(deployment, "deployment");
      this.input = Objects.requireNonNull(input, "input");
      this.output = Objects.requireNonNull(output, "output");
    }

    /**
     * @param listener follows the job's progress (about four samples a second, on the progress
     *     thread, and the end); default none
     * @return this
     */
    public Builder listener(ProgressListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * @param console where plain progress lines and the job's notes go; default none
     * @return this
     */
    public Builder console(PrintStream console) {
      this.console = console;
      return this;
    }

    /**
     * @param period how often a progress line is written to the console and to
     *     {@code logs/job_progress_overview.*.txt}; default 5 s
     * @return this
     * @throws IllegalArgumentException when not positive
     */
    public Builder progressEvery(Duration period) {
      if (period.toMillis() <= 0) {
        throw new IllegalArgumentException("progress period " + period + " is not positive");
      }
      this.progressEvery = period;
      return this;
    }

    /**
     * @param mode how progress shows on the console: {@code AUTO} (the default) draws a bar when
     *     the console is {@code System.err} and a terminal, plain lines otherwise
     * @return this
     */
    public Builder progress(ProgressMode mode) {
      this.progressMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * @param port serve {@code http://127.0.0.1:PORT/metrics} while the job runs; 0 picks a free
     *     port (logged in {@code sys/job.log}); -1, the default, serves none
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
     * @param force with {@link #resume}: go on even when the scorer code or the model changed
     *     since the job began (its rows and the new ones then come from different versions)
     * @return this
     */
    public Builder force(boolean force) {
      this.force = force;
      return this;
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
     * @param compute runs the mini-batches elsewhere (a Spark cluster) instead of on this JVM's
     *     worker threads; null, the default, runs them here
     * @return this
     */
    public Builder remote(RemoteCompute compute) {
      this.remote = compute;
      return this;
    }

    /** A test seam: runs on a worker after each run, before its outcome is reported. */
    Builder workerFault(Runnable fault) {
      this.workerFault = fault;
      return this;
    }

    /**
     * @return the job, not started
     * @throws IllegalArgumentException when an option is out of range
     * @throws DeploymentException when options exclude each other ({@code --resume} with
     *     {@code --overwrite}, {@code --force} without {@code --resume})
     */
    public ScoringJob build() {
      ProgressListener safe = listener == null ? null : p -> tell(listener, p);
      return new ScoringJob(new JobOptions(deployment, input, output, factory, console,
          progressEvery.toMillis(), progressMode, metricsPort, cores, resume, overwrite, force,
          remote, safe, workerFault), listener);
    }
  }

  /**
   * Runs the job on the calling thread to its end.
   *
   * @return how it ended
   * @throws DeploymentException when the job cannot start; nothing has been scored then
   * @throws IOException when the output folder cannot be written at all
   * @throws InterruptedException when the calling thread is interrupted
   * @throws IllegalStateException when the job was already run or started
   */
  public JobResult run() throws IOException, InterruptedException {
    claim();
    return runClaimed();
  }

  /**
   * Runs the job on a new thread ({@code batchscore-job}) and returns at once; {@link #awaitEnd}
   * gives its result.
   *
   * @return this job
   * @throws IllegalStateException when the job was already run or started
   */
  public ScoringJob start() {
    claim();
    Thread t = new Thread(() -> {
      try {
        runClaimed();
      } catch (IOException | InterruptedException | RuntimeException e) {
        // handed to awaitEnd by runClaimed
      }
    }, "batchscore-job");
    t.start();
    return this;
  }

  /**
   * Cancels the job: no new mini-batch starts; runs in flight finish (bounded by the deployment's
   * timeout) and are committed; the job ends {@link JobStatus#Canceled} and can be resumed with
   * {@link Builder#resume}. Safe from any thread, before or during the run.
   *
   * @param reason written in {@code logs/job_result.txt} and {@link JobResult#reason}
   */
  public void cancel(String reason) {
    job.cancel(Objects.requireNonNull(reason, "reason"));
  }

  /**
   * Waits for the job's end.
   *
   * @return how it ended
   * @throws DeploymentException when the job could not start
   * @throws UncheckedIOException when the output folder could not be written at all
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public JobResult awaitEnd() throws InterruptedException {
    try {
      return end.get();
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  /**
   * Waits for the job's end, at most {@code timeout}.
   *
   * @param timeout how long to wait
   * @return how it ended; empty when it is still running
   * @throws DeploymentException when the job could not start
   * @throws UncheckedIOException when the output folder could not be written at all
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public Optional<JobResult> awaitEnd(Duration timeout) throws InterruptedException {
    try {
      return Optional.of(end.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  /** @return true once the job has ended, whatever the outcome */
  public boolean isDone() {
    return end.isDone();
  }

  private void claim() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("this job was already run; build another");
    }
  }

  private JobResult runClaimed() throws IOException, InterruptedException {
    try {
      JobResult r = job.run();
      if (listener != null) {
        tell(listener, JobProgress.of(r));
      }
      end.complete(r);
      return r;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      end.completeExceptionally(e);
      throw e;
    }
  }

  private static void tell(ProgressListener listener, JobProgress p) {
    try {
      listener.onProgress(p);
    } catch (RuntimeException e) {
      System.err.println("batchscore: the progress listener failed: " + e);
    }
  }

  private static RuntimeException rethrow(Throwable cause) throws InterruptedException {
    if (cause instanceof RuntimeException r) {
      throw r;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    if (cause instanceof IOException io) {
      throw new UncheckedIOException(io);
    }
    if (cause instanceof InterruptedException ie) {
      throw new CancellationException("the job's thread was interrupted: " + ie.getMessage());
    }
    throw new IllegalStateException(cause);
  }
}
