package io.batchscore.core.job;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import java.io.IOException;
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

  ScoringJob(JobOptions options, ProgressListener listener) {
    this.job = new JobRun(options);
    this.listener = listener;
  }

  /**
   * @param deployment the deployment, from {@code DeploymentLoader.load}
   * @param input a file or folder to score
   * @param output the output folder: new, empty, or holding a BatchScore job to {@link
   *     ScoringJobBuilder#resume} or {@link ScoringJobBuilder#overwrite}
   * @return a builder
   */
  public static ScoringJobBuilder builder(Deployment deployment, Path input, Path output) {
    return new ScoringJobBuilder(deployment, input, output);
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
    Thread t =
        new Thread(
            () -> {
              try {
                runClaimed();
              } catch (IOException | InterruptedException | RuntimeException e) {
                // handed to awaitEnd by runClaimed
              }
            },
            "batchscore-job");
    t.start();
    return this;
  }

  /**
   * Cancels the job: no new mini-batch starts; runs in flight finish (bounded by the deployment's
   * timeout) and are committed; the job ends {@link JobStatus#Canceled} and can be resumed with
   * {@link ScoringJobBuilder#resume}. Safe from any thread, before or during the run.
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

  static void tell(ProgressListener listener, JobProgress p) {
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
