package io.batchscore.core.schedule;

import io.batchscore.api.PreparingScorer;
import io.batchscore.api.Scorer;
import io.batchscore.api.ScorerContext;
import io.batchscore.core.device.WorkerSlot;
import io.batchscore.core.logs.WorkerLogger;
import io.batchscore.core.scorer.ErrorLine;
import io.batchscore.core.scorer.LenientResults;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One worker thread with its own {@link Scorer}: init (with retries), then run mini-batches until
 * the scheduler has none left, then close.
 *
 * <p>A run given up ({@link RunAttempt#expire}, by the watchdog after a timeout or by the pool at
 * the job's end) is not reported by the worker: when the call finally returns, the worker drops
 * its result, closes its scorer and ends. Anything thrown outside the scorer's calls is a runtime
 * bug: the worker reports it through {@link Services#died} (which fails the job) and ends.
 *
 * <p>The worker knows its job only through {@link Services}; it neither starts other workers nor
 * registers with the watchdog (its pool does both).
 */
final class Worker implements Runnable, Watchdog.Watched {

  /** What a worker needs from its job, and what it tells it. */
  interface Services {
    /** @return the scheduler, once attached; throws CompletionException when never */
    Scheduler scheduler();

    WorkerLogger logger(WorkerSlot slot);

    ScorerContext context(WorkerSlot slot, WorkerLogger logger);

    Scorer newScorer() throws Exception;

    io.batchscore.core.metrics.JobMetrics metrics();

    io.batchscore.core.logs.JobLog jobLog();

    long timeoutNanos();

    int maxRetries();

    boolean prefetch();

    /** Runs after each run returns, before its outcome is reported: a test seam; may throw. */
    void afterRun();

    void initialized(WorkerSlot slot);

    /** Every init attempt of the slot's worker failed; the last one for {@code reason}. */
    void initFailed(WorkerSlot slot, String reason);

    /** The worker's thread is ending because of a runtime bug, {@code bug}. */
    void died(Worker w, Throwable bug);
  }

  private final WorkerSlot slot;
  private final int generation;
  private final Services services;
  private final AtomicReference<Task> prefetched = new AtomicReference<>();
  private volatile RunAttempt current;
  private volatile Thread thread;
  private volatile boolean initialized;

  Worker(WorkerSlot slot, int generation, Services services) {
    this.slot = slot;
    this.generation = generation;
    this.services = services;
  }

  WorkerSlot slot() {
    return slot;
  }

  int generation() {
    return generation;
  }

  boolean isInitialized() {
    return initialized;
  }

  @Override
  public RunAttempt currentRun() {
    return current;
  }

  Thread thread() {
    return thread;
  }

  /** Starts the worker on a new daemon thread, so an abandoned one cannot hold the JVM. */
  void start() {
    Thread t =
        new Thread(this, "batchscore-" + slot.name() + (generation > 0 ? "#" + generation : ""));
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  @Override
  public void run() {
    try {
      work();
    } catch (Throwable bug) { // not the scorer's: its calls' failures are caught in runOnce
      services.died(this, bug);
    }
  }

  private void work() {
    WorkerLogger log = services.logger(slot);
    Scorer scorer = init(log);
    if (scorer == null) {
      return;
    }
    Prefetcher prefetcher = null;
    try {
      Scheduler scheduler;
      try {
        scheduler = services.scheduler();
      } catch (CompletionException jobNotSetUp) {
        return; // the job ended before it could start; its caller reports why
      }
      prefetcher =
          scorer instanceof PreparingScorer<?> ps && services.prefetch()
              ? new Prefetcher(ps, slot.name())
              : null;
      loop(scheduler, scorer, prefetcher, log);
    } finally {
      if (prefetcher != null) {
        prefetcher.close();
      }
      Thread.interrupted(); // an abandoned run's interrupt must not cut its scorer's close short
      close(scorer, log); // an abandoned run's scorer too, now that its call has returned
    }
  }

  private void loop(Scheduler scheduler, Scorer scorer, Prefetcher prefetcher, WorkerLogger log) {
    Prefetcher.Prepared next = null;
    while (true) {
      Task task;
      Prefetcher.Prepared prepared = null;
      if (next != null && prefetched.compareAndSet(next.task(), null)) {
        prepared = next;
        task = next.task();
      } else {
        try {
          task = scheduler.take();
        } catch (InterruptedException e) {
          return;
        }
        if (task == null) {
          return;
        }
        if (prefetcher != null) {
          prepared = prefetcher.prepare(task);
        }
      }
      next = null;
      if (prefetcher != null) {
        Task ahead = scheduler.poll();
        if (ahead != null) {
          // set before the run is visible to the watchdog, which gives it back if this worker
          // is abandoned
          prefetched.set(ahead);
          next = prefetcher.prepare(ahead);
        }
      }
      if (!runOnce(scheduler, scorer, task, prepared, log)) {
        return;
      }
    }
  }

  /** @return false when the run was given up: this worker ends */
  private boolean runOnce(
      Scheduler scheduler,
      Scorer scorer,
      Task task,
      Prefetcher.Prepared prepared,
      WorkerLogger log) {
    long start = System.nanoTime();
    RunAttempt run = new RunAttempt(task, start, services.timeoutNanos());
    current = run;
    List<?> result = null;
    Throwable error = null;
    try {
      result = prepared != null ? prepared.run() : scorer.run(task.batch());
      error = check(scorer, task, result);
    } catch (Throwable t) { // a scorer's failure of any kind fails the attempt, not the job
      error = t instanceof ExecutionException && t.getCause() != null ? t.getCause() : t;
    }
    long nanos = System.nanoTime() - start;
    current = null;
    if (!run.finish()) {
      log.log(
          Level.WARNING,
          "[batchscore] abandoned "
              + task.batch()
              + " returned after it was"
              + " given up; its result is dropped, its scorer closed and this worker ends");
      return false;
    }
    Thread.interrupted(); // an interrupt meant for this run must not hit the next one
    services.afterRun();
    if (error == null) {
      PartResult part;
      try {
        part = PartResult.of(task.batch(), result, scheduler.keepRows());
      } catch (RuntimeException e) { // a result element whose toString or record fails
        reportFailure(scheduler, log, task, e, nanos);
        return true;
      }
      services.metrics().run("success", slot.device().toString(), slot.name(), nanos);
      scheduler.succeeded(task, part, slot, nanos);
    } else {
      reportFailure(scheduler, log, task, error, nanos);
    }
    return true;
  }

  /** @return why a result list is refused, or null when it is taken */
  private static Throwable check(Scorer scorer, Task task, List<?> result) {
    if (result == null) {
      return new NullPointerException("run returned null instead of a list");
    }
    int items = task.batch().size();
    if (result.size() > items && !(scorer instanceof LenientResults)) {
      return new IllegalStateException(
          "run returned "
              + result.size()
              + " elements for the "
              + items
              + " items of "
              + task.batch()
              + ": a scorer returns one element per item");
    }
    return null;
  }

  /**
   * @return the task this worker prefetched and has not started, taking it away from the worker;
   *     null when there is none
   */
  Task takePrefetched() {
    return prefetched.getAndSet(null);
  }

  private void reportFailure(
      Scheduler scheduler, WorkerLogger log, Task task, Throwable error, long nanos) {
    services.metrics().run("error", slot.device().toString(), slot.name(), nanos);
    String reason = ErrorLine.of(error);
    String next = scheduler.failed(task, reason, slot, nanos);
    log.log(
        Level.ERROR, "[batchscore] " + task.batch() + " failed: " + reason + "; " + next, error);
  }

  private Scorer init(WorkerLogger log) {
    int attempts = services.maxRetries();
    String lastReason = "";
    for (int attempt = 1; attempt <= attempts; attempt++) {
      Scorer scorer = null;
      try {
        scorer = services.newScorer();
        long start = System.nanoTime();
        scorer.init(services.context(slot, log));
        services.metrics().workerInit(true);
        initialized = true;
        services.initialized(slot);
        services
            .jobLog()
            .info(
                "worker %s started on %s (init %d ms%s)",
                slot.name(),
                slot.device(),
                (System.nanoTime() - start) / 1_000_000,
                generation > 0 ? ", replacing a worker whose run timed out" : "");
        return scorer;
      } catch (Throwable t) { // init failing in any way is retried, then kills the slot
        services.metrics().workerInit(false);
        lastReason = ErrorLine.of(t);
        log.log(
            Level.ERROR,
            "[batchscore] init attempt " + attempt + " of " + attempts + " failed: " + lastReason,
            t);
        services
            .jobLog()
            .warn(
                "worker %s init attempt %d of %d failed: %s",
                slot.name(), attempt, attempts, lastReason);
        if (scorer != null) {
          close(scorer, log);
        }
      }
    }
    services.initFailed(slot, slot.name() + ": " + lastReason);
    return null;
  }

  private static void close(Scorer scorer, WorkerLogger log) {
    try {
      scorer.close();
    } catch (Throwable t) { // a failing close is logged, not fatal
      log.log(Level.ERROR, "[batchscore] close failed: " + ErrorLine.of(t), t);
    }
  }
}
