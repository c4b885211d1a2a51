package io.batchscore.core.job;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.logs.ProgressMode;
import io.batchscore.core.schedule.RemoteCompute;
import io.batchscore.core.scorer.ScorerFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link ScoringJob}, from {@link ScoringJob#builder}; all have defaults, and all are
 * checked by {@link #build}, before anything starts.
 */
public final class ScoringJobBuilder {
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

  ScoringJobBuilder(Deployment deployment, Path input, Path output) {
    this.deployment = Objects.requireNonNull(deployment, "deployment");
    this.input = Objects.requireNonNull(input, "input");
    this.output = Objects.requireNonNull(output, "output");
  }

  /**
   * @param listener follows the job's progress (about four samples a second, on the progress
   *     thread, and the end); default none
   * @return this
   */
  public ScoringJobBuilder listener(ProgressListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * @param console where plain progress lines and the job's notes go; default none
   * @return this
   */
  public ScoringJobBuilder console(PrintStream console) {
    this.console = console;
    return this;
  }

  /**
   * @param period how often a progress line is written to the console and to
   *     {@code logs/job_progress_overview.*.txt}; default 5 s
   * @return this
   * @throws IllegalArgumentException when not positive
   */
  public ScoringJobBuilder progressEvery(Duration period) {
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
  public ScoringJobBuilder progress(ProgressMode mode) {
    this.progressMode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /**
   * @param port serve {@code http://127.0.0.1:PORT/metrics} while the job runs; 0 picks a free
   *     port (logged in {@code sys/job.log}); -1, the default, serves none
   * @return this
   */
  public ScoringJobBuilder metricsPort(int port) {
    this.metricsPort = port;
    return this;
  }

  /**
   * @param cores cores to plan engine threads for; default the JVM's available processors
   * @return this
   */
  public ScoringJobBuilder cores(int cores) {
    this.cores = cores;
    return this;
  }

  /**
   * @param resume finish the interrupted job in the output folder instead of starting anew
   * @return this
   */
  public ScoringJobBuilder resume(boolean resume) {
    this.resume = resume;
    return this;
  }

  /**
   * @param overwrite replace the job the output folder holds (finished or not); without it a
   *     folder holding an earlier job is refused
   * @return this
   */
  public ScoringJobBuilder overwrite(boolean overwrite) {
    this.overwrite = overwrite;
    return this;
  }

  /**
   * @param force with {@link #resume}: go on even when the scorer code or the model changed
   *     since the job began (its rows and the new ones then come from different versions)
   * @return this
   */
  public ScoringJobBuilder force(boolean force) {
    this.force = force;
    return this;
  }

  /**
   * @param factory makes the workers' scorers; default: from the deployment's code and class
   * @return this
   */
  public ScoringJobBuilder scorerFactory(ScorerFactory factory) {
    this.factory = factory;
    return this;
  }

  /**
   * @param compute runs the mini-batches elsewhere (a Spark cluster) instead of on this JVM's
   *     worker threads; null, the default, runs them here
   * @return this
   */
  public ScoringJobBuilder remote(RemoteCompute compute) {
    this.remote = compute;
    return this;
  }

  /** A test seam: runs on a worker after each run, before its outcome is reported. */
  ScoringJobBuilder workerFault(Runnable fault) {
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
    ProgressListener safe = listener == null ? null : p -> ScoringJob.tell(listener, p);
    return new ScoringJob(
        new JobOptions(
            deployment,
            input,
            output,
            factory,
            console,
            progressEvery.toMillis(),
            progressMode,
            metricsPort,
            cores,
            resume,
            overwrite,
            force,
            remote,
            safe,
            workerFault),
        listener);
  }
}
