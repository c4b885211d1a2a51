package io.batchscore.core.schedule;

import io.batchscore.api.Scorer;
import io.batchscore.api.ScorerContext;
import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.device.WorkerSlot;
import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.logs.JobLog;
import io.batchscore.core.logs.LogHold;
import io.batchscore.core.logs.WorkerLogger;
import io.batchscore.core.metrics.JobMetrics;
import io.batchscore.core.scorer.ErrorLine;
import io.batchscore.core.scorer.ScorerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A job's local workers: starts one per slot (before the job's input and outputs are set up, so
 * models load meanwhile), replaces one whose run timed out, and stops them all at the job's end.
 *
 * <p>It owns the {@link Watchdog} and registers each worker with it; the watchdog tells it of a
 * timeout, and the workers tell it of their init and of a runtime bug ({@link Worker.Services}).
 * A bug that kills a worker stops the scheduler with the bug named and is kept in
 * {@link #fatal()}, which the job polls while it waits, so no job waits on a dead worker.
 *
 * <p>The fields marked so are guarded by this object's monitor.
 */
public final class WorkerPool implements Worker.Services {

  private final CompletableFuture<Scheduler> scheduler = new CompletableFuture<>();
  private final JobMetrics metrics;
  private final JobLog jobLog;
  private final ScorerFactory scorers;
  private final Deployment d;
  private final WorkerSetup setup;
  private final Watchdog<Worker> watchdog;
  private final Runnable afterRun;
  private final List<Worker> started = new ArrayList<>(); // guarded
  private boolean anyInit; // guarded
  private int slots; // guarded
  private int slotsDead; // guarded
  private String lastInitError = ""; // guarded
  private volatile String fatal;
  private boolean stopping; // guarded

  /**
   * @param metrics the job's meters
   * @param jobLog the job's log
   * @param scorers makes the scorer instances
   * @param d the deployment
   * @param registry handed to scorers through their context
   * @param layout the output folder's layout (the workers' log files)
   * @param logHold holds the workers' log lines until the folder is ready
   * @param afterRun a test seam run on a worker after each run (it may throw to play a runtime
   *     bug); null for none
   */
  public WorkerPool(
      JobMetrics metrics,
      JobLog jobLog,
      ScorerFactory scorers,
      Deployment d,
      MeterRegistry registry,
      JobLayout layout,
      LogHold logHold,
      Runnable afterRun) {
    this.metrics = metrics;
    this.jobLog = jobLog;
    this.scorers = scorers;
    this.d = d;
    this.setup = new WorkerSetup(d, registry, layout, logHold);
    this.afterRun = afterRun;
    this.watchdog = new Watchdog<>(d.retry().timeout().toNanos(), this::timedOut);
  }

  /** Starts the watchdog and one worker per slot. */
  public void start(List<WorkerSlot> slots) {
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
    if (stopping) {
      return; // a replacement after stop() began would init a scorer nobody waits for
    }
    started.add(w);
    watchdog.watch(w);
    w.start();
  }

  /** Hands the workers their scheduler; a worker that has finished init waits for it. */
  void attach(Scheduler s) {
    scheduler.complete(s);
  }

  /**
   * Stops the workers: the watchdog first, then workers that never got a scheduler end; waits
   * for the others to end and close their scorers, bounded by {@code timeout} (one second at
   * least), and for workers abandoned after a timeout by {@code min(timeout, 10 s)}. A run still
   * going after that is given up: its result is dropped, and its scorer is closed when the call
   * returns.
   *
   * @param timeout the deployment's run timeout
   * @param why why the job ended before its scheduler was attached, if it did
   */
  public void stop(Duration timeout, String why) throws InterruptedException {
    watchdog.stop();
    scheduler.completeExceptionally(new IllegalStateException(why));
    List<Worker> all;
    synchronized (this) {
      stopping = true;
      all = List.copyOf(started);
    }
    long now = System.nanoTime();
    long live = now + Math.max(timeout.toNanos(), TimeUnit.SECONDS.toNanos(1));
    long abandoned = now + Math.min(timeout.toNanos(), TimeUnit.SECONDS.toNanos(10));
    for (Worker w : all) {
      Thread t = w.thread();
      long left = (isAbandoned(w) ? abandoned : live) - System.nanoTime();
      if (t != null && left > 0) {
        t.join(TimeUnit.NANOSECONDS.toMillis(left) + 1);
      }
    }
    for (Worker w : all) {
      RunAttempt r = w.currentRun();
      if (r != null && r.expire()) {
        jobLog.warn(
            "%s on %s still running at the job's end: given up (its result is dropped;"
                + " its scorer is closed when the call returns)",
            r.task().batch(), w.slot().name());
        w.thread().interrupt();
      }
    }
  }

  private synchronized boolean isAbandoned(Worker w) {
    return started.stream()
        .anyMatch(o -> o.slot().equals(w.slot()) && o.generation() > w.generation());
  }

  private void timedOut(Worker w, RunAttempt r) {
    try {
      replace(w, r);
    } catch (RuntimeException | Error bug) {
      String reason = "internal error: the watchdog failed: " + ErrorLine.of(bug);
      jobLog.warn("%s", reason);
      fatal = reason;
    }
  }

  /** Gives up a timed-out run: its mini-batch is failed (retried or split), a new worker starts. */
  private void replace(Worker w, RunAttempt r) {
    Thread t = w.thread();
    if (t != null) {
      t.interrupt();
    }
    metrics.timedOut();
    long nanos = System.nanoTime() - r.startNanos();
    metrics.run("timeout", w.slot().device().toString(), w.slot().name(), nanos);
    String reason =
        "run did not return within retry_settings.timeout ("
            + d.retry().timeout().toMillis() / 1000.0
            + " s)";
    String next = scheduler().failed(r.task(), reason, w.slot(), nanos);
    Task ahead = w.takePrefetched();
    if (ahead != null) {
      scheduler().giveBack(ahead);
    }
    logger(w.slot())
        .log(
            System.Logger.Level.ERROR,
            "[batchscore] "
                + r.task().batch()
                + " timed out; worker abandoned and replaced; "
                + next);
    jobLog.warn(
        "%s on %s timed out after %d ms; worker abandoned, a new one starts; %s",
        r.task().batch(), w.slot().name(), nanos / 1_000_000, next);
    start(new Worker(w.slot(), w.generation() + 1, this));
  }

  /**
   * Waits until a worker has finished {@code init}, every worker has failed it, or {@code stop}
   * says to stop waiting.
   *
   * @param stop checked whenever {@link #wake} is called
   * @return true when a worker is ready
   */
  public synchronized boolean awaitFirstInit(BooleanSupplier stop) throws InterruptedException {
    while (!anyInit && slotsDead < slots && !stop.getAsBoolean()) {
      wait();
    }
    return anyInit;
  }

  /** Wakes {@link #awaitFirstInit} to look at its stop condition again. */
  public synchronized void wake() {
    notifyAll();
  }

  /** @return why the last worker that failed every init attempt failed */
  public synchronized String lastInitError() {
    return lastInitError;
  }

  /** @return the runtime bug that killed a worker, named; null when none did */
  public String fatal() {
    return fatal;
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
    var unused = scheduler.thenAccept(s -> s.slotDied(reason)); // now, or once attached
  }

  @Override
  public void died(Worker w, Throwable bug) {
    String reason = "internal error: worker " + w.slot().name() + " died: " + ErrorLine.of(bug);
    jobLog.warn("%s", reason);
    logger(w.slot()).log(System.Logger.Level.ERROR, "[batchscore] " + reason, bug);
    fatal = reason;
    synchronized (this) {
      if (!w.isInitialized()) {
        slotsDead++;
        lastInitError = reason;
      }
      notifyAll();
    }
    // stops the scheduler now if attached, else when it is; stop() does not throw
    var unused = scheduler.thenAccept(s -> s.stop(JobStatus.Failed, reason));
  }

  @Override
  public Scheduler scheduler() {
    return scheduler.join();
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
    return setup.logger(slot);
  }

  @Override
  public ScorerContext context(WorkerSlot slot, WorkerLogger logger) {
    return setup.context(slot, logger);
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

  @Override
  public void afterRun() {
    if (afterRun != null) {
      afterRun.run();
    }
  }
}
