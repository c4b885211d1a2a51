package io.batchscore.core.schedule;

import io.batchscore.api.Scorer;
import io.batchscore.api.ScorerContext;
import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.logs.JobLog;
import io.batchscore.core.logs.LogFile;
import io.batchscore.core.logs.LogHold;
import io.batchscore.core.logs.WorkerLogger;
import io.batchscore.core.metrics.JobMetrics;
import io.batchscore.core.scorer.ScorerFactory;
import io.batchscore.core.scorer.WorkerContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A job's workers and what they share: starts one worker per slot, replaces a worker whose run
 * timed out (the {@link Watchdog} calls back here), and gives workers their logger, context and
 * scorer instances.
 */
final class WorkerPool implements Worker.WorkerServices {

  private final java.util.concurrent.CompletableFuture<Scheduler> scheduler =
      new java.util.concurrent.CompletableFuture<>();
  private final JobMetrics metrics;
  private final JobLog jobLog;
  private final ScorerFactory scorers;
  private final Deployment d;
  private final MeterRegistry registry;
  private final Map<WorkerSlot, WorkerLogger> loggers = new ConcurrentHashMap<>();
  private final List<Worker> started = new ArrayList<>(); // guarded by this
  private final JobLayout layout;
  private final Watchdog watchdog;
  private final LogHold logHold;
  private boolean anyInit; // guarded by this
  private int slots; // guarded by this
  private int slotsDead; // guarded by this
  private String lastInitError = ""; // guarded by this

  WorkerPool(JobMetrics metrics, JobLog jobLog, ScorerFactory scorers, Deployment d,
      MeterRegistry registry, JobLayout layout, LogHold logHold) {
    this.metrics = metrics;
    this.jobLog = jobLog;
    this.scorers = scorers;
    this.d = d;
    this.registry = registry;
    this.layout = layout;
    this.logHold = logHold;
    this.watchdog = new Watchdog(d.retry().timeout().toNanos(), this::timedOut);
  }

  /**
   * Hands the workers their scheduler. Workers start (and load their models) before the job's
   * input and outputs are set up; a worker that has finished {@code init} waits here for this.
   */
  void attach(Scheduler s) {
    scheduler.complete(s);
  }

  /** The job could not be set up: workers waiting for a scheduler end, the watchdog too. */
  void abandon(Throwable why) {
    scheduler.completeExceptionally(why);
    watchdog.stop();
  }

  /** Starts the watchdog and one worker per slot. */
  void start(List<WorkerSlot> slots) {
    Thread watchdogThread = new Thread(watchdog, "batchscore-watchdog");
    watchdogThread.setDaemon(true);
    watchdogThread.start();
    synchronized (this) {
      this.slots = slots.size();
    }
    for (WorkerSlot slot : slots) {
      start(new Worker(slot, 0, this));
    }
  }

  private synchronized void start(Worker w) {
    started.add(w);
    w.start();
  }

  /**
   * Stops the watchdog and waits (bounded by the timeout) for workers that are not stuck in a run
   * to close their scorers. Abandoned workers are daemons and are left behind.
   */
  void stop(Duration timeout) throws InterruptedException {
    watchdog.stop();
    joinWorkers(timeout);
  }

  private void timedOut(Worker w, Worker.Run r) {
    Thread t = w.thread();
    if (t != null) {
      t.interrupt();
    }
    metrics.timedOut();
    long nanos = System.nanoTime() - r.startNanos();
    metrics.run("timeout", w.slot().device().toString(), w.slot().name(), nanos);
    String reason = "run did not return within retry_settings.timeout ("
        + d.retry().timeout().toMillis() / 1000.0 + " s)";
    String next = scheduler().failed(r.task(), reason, w.slot(), nanos);
    Task ahead = w.takePrefetched();
    if (ahead != null) {
      scheduler().giveBack(ahead);
    }
    logger(w.slot()).log(System.Logger.Level.ERROR, "[batchscore] " + r.task().batch()
        + " timed out; worker abandoned and replaced; " + next);
    jobLog.warn("%s on %s timed out after %d ms; worker abandoned, a new one starts; %s",
        r.task().batch(), w.slot().name(), nanos / 1_000_000, next);
    start(new Worker(w.slot(), w.generation() + 1, this));
  }

  private void joinWorkers(Duration timeout) throws InterruptedException {
    List<Worker> all;
    synchronized (this) {
      all = List.copyOf(started);
    }
    long deadline = System.nanoTime() + Math.max(timeout.toNanos(), TimeUnit.SECONDS.toNanos(1));
    for (Worker w : all) {
      Thread t = w.thread();
      long left = deadline - System.nanoTime();
      if (t != null && left > 0 && w.currentRun() == null) {
        t.join(TimeUnit.NANOSECONDS.toMillis(left) + 1);
      }
    }
  }

  @Override
  public synchronized void initialized(WorkerSlot slot) {
    anyInit = true;
    notifyAll();
  }

  @Override
  public void initFailed(WorkerSlot slot, String reason) {
    synchronized (this) {
      slotsDead++;
      lastInitError = reason;
      notifyAll();
    }
    // once the job runs, its scheduler counts the slots still alive
    scheduler.thenAccept(s -> s.slotDied(reason));
  }

  /**
   * Waits until a worker has finished {@code init}, every worker has failed it, or {@code
   * stop} says to stop waiting.
   *
   * @param stop checked whenever {@link #wake} is called
   * @return true when a worker is ready
   */
  synchronized boolean awaitFirstInit(java.util.function.BooleanSupplier stop)
      throws InterruptedException {
    while (!anyInit && slotsDead < slots && !stop.getAsBoolean()) {
      wait();
    }
    return anyInit;
  }

  /** Wakes {@link #awaitFirstInit} to look at its stop condition again. */
  synchronized void wake() {
    notifyAll();
  }

  /** @return why the last worker that failed every init attempt failed */
  synchronized String lastInitError() {
    return lastInitError;
  }

  synchronized boolean noWorkerStarted() {
    return !anyInit;
  }

  @Override
  public Scheduler scheduler() {
    return scheduler.join();
  }

  @Override
  public Watchdog watchdog() {
    return watchdog;
  }

  @Override
  public JobMetrics metrics() {
    return metrics;
  }

  @Override
  public JobLog jobLog() {
    return jobLog;
  }

  @Override
  public WorkerLogger logger(WorkerSlot slot) {
    return loggers.computeIfAbsent(slot, s -> new WorkerLogger(s.name(),
        WorkerLogger.levelOf(d.loggingLevel()),
        new LogFile(layout.workerStdout(s.node(), s.process()), logHold),
        new LogFile(layout.workerError(s.node(), s.process()), logHold)));
  }

  @Override
  public ScorerContext context(WorkerSlot slot, WorkerLogger logger) {
    return new WorkerContext(d.modelPath(), slot.device(), slot.intraOpThreads(), slot.id(),
        slot.node(), logger, d.environmentVariables(),
        List.of("--logging_level", d.loggingLevel()), layout.outputDir(),
        Map.of(registry.getClass(), registry));
  }

  @Override
  public Scorer newScorer() throws Exception {
    return scorers.newScorer();
  }

  @Override
  public long timeoutNanos() {
    return d.retry().timeout().toNanos();
  }

  @Override
  public int maxRetries() {
    return d.retry().maxRetries();
  }

  @Override
  public boolean prefetch() {
    return d.prefetch();
  }
}
