package io.batchscore.core.schedule;

import io.batchscore.api.PreparingScorer;
import io.batchscore.api.Scorer;
import io.batchscore.core.logs.WorkerLogger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One worker thread with its own {@link Scorer}: init (with retries), then run mini-batches until
 * the scheduler has none left, then close. When a run times out the watchdog abandons the worker:
 * it is interrupted and, should its run ever return, it drops the result and ends.
 */
final class Worker implements Runnable {

  /** A run in progress; {@link #finish} and {@link #expire} race, and one of them wins. */
  static final class Run {
    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int EXPIRED = 2;

    private final Task task;
    private final long startNanos;
    private final long deadlineNanos;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    Run(Task task, long startNanos, long timeoutNanos) {
      this.task = task;
      this.startNanos = startNanos;
      this.deadlineNanos = startNanos + timeoutNanos;
    }

    Task task() {
      return task;
    }

    long startNanos() {
      return startNanos;
    }

    long deadlineNanos() {
      return deadlineNanos;
    }

    boolean finish() {
      return state.compareAndSet(RUNNING, FINISHED);
    }

    boolean expire() {
      return state.compareAndSet(RUNNING, EXPIRED);
    }
  }

  private final WorkerSlot slot;
  private final int generation;
  private final WorkerServices services;
  private volatile Run current;
  private final java.util.concurrent.atomic.AtomicReference<Task> prefetched =
      new java.util.concurrent.atomic.AtomicReference<>();
  private volatile Thread thread;

  Worker(WorkerSlot slot, int generation, WorkerServices services) {
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

  Run currentRun() {
    return current;
  }

  Thread thread() {
    return thread;
  }

  /** Starts the worker on a new daemon thread, so an abandoned one cannot hold the JVM. */
  Thread start() {
    Thread t = new Thread(this, "batchscore-" + slot.name() + (generation > 0 ? "#" + generation : ""));
    t.setDaemon(true);
    thread = t;
    t.start();
    return t;
  }

  @Override
  public void run() {
    WorkerLogger log = services.logger(slot);
    Scorer scorer = init(log);
    if (scorer == null) {
      return;
    }
    Scheduler scheduler;
    try {
      scheduler = services.scheduler();
    } catch (java.util.concurrent.CompletionException jobNotSetUp) {
      close(scorer, log); // the job failed before it could start; its caller reports why
      return;
    }
    Prefetcher prefetcher = scorer instanceof PreparingScorer<?> ps && services.prefetch()
        ? new Prefetcher(ps, slot.name()) : null;
    boolean abandoned = false;
    try {
      services.watchdog().watch(this);
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
            break;
          }
          if (task == null) {
            break;
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
        long start = System.nanoTime();
        Run run = new Run(task, start, services.timeoutNanos());
        current = run;
        List<?> result = null;
        Throwable error = null;
        try {
          result = prepared != null ? prepared.run() : scorer.run(task.batch());
          if (result == null) {
            error = new NullPointerException("run returned null instead of a list");
          }
        } catch (Throwable t) { // a scorer's failure of any kind fails the attempt, not the job
          error = t instanceof java.util.concurrent.ExecutionException && t.getCause() != null
              ? t.getCause() : t;
        }
        long nanos = System.nanoTime() - start;
        current = null;
        if (!run.finish()) {
          abandoned = true; // the watchdog reported this run and started a replacement
          log.log(Level.WARNING, "[batchscore] abandoned " + task.batch()
              + " returned after the timeout; its result is dropped and this worker ends");
          return;
        }
        Thread.interrupted(); // an interrupt meant for this run must not hit the next one
        if (error == null) {
          PartResult part;
          try {
            part = PartResult.of(task.batch(), result, scheduler.keepRows());
          } catch (RuntimeException e) { // a result element whose toString or record fails
            reportFailure(log, task, e, nanos);
            continue;
          }
          services.metrics().run("success", slot.device().toString(), slot.name(), nanos);
          scheduler.succeeded(task, part, slot, nanos);
        } else {
          reportFailure(log, task, error, nanos);
        }
      }
    } finally {
      services.watchdog().forget(this);
      if (prefetcher != null) {
        prefetcher.close();
      }
      if (!abandoned) {
        close(scorer, log);
      }
    }
  }

  /**
   * @return the task this worker prefetched and has not started, taking it away from the worker;
   *     null when there is none
   */
  Task takePrefetched() {
    return prefetched.getAndSet(null);
  }

  private void reportFailure(WorkerLogger log, Task task, Throwable error, long nanos) {
    services.metrics().run("error", slot.device().toString(), slot.name(), nanos);
    String reason = reason(error);
    String next = services.scheduler().failed(task, reason, slot, nanos);
    log.log(Level.ERROR, "[batchscore] " + task.batch() + " failed: " + reason + "; " + next, error);
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
        services.initialized(slot);
        services.jobLog().info("worker %s started on %s (init %d ms%s)", slot.name(),
            slot.device(), (System.nanoTime() - start) / 1_000_000,
            generation > 0 ? ", replacing a worker whose run timed out" : "");
        return scorer;
      } catch (Throwable t) { // init failing in any way is retried, then kills the slot
        services.metrics().workerInit(false);
        lastReason = reason(t);
        log.log(Level.ERROR, "[batchscore] init attempt " + attempt + " of " + attempts
            + " failed: " + lastReason, t);
        services.jobLog().warn("worker %s init attempt %d of %d failed: %s", slot.name(), attempt,
            attempts, lastReason);
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
      log.log(Level.ERROR, "[batchscore] close failed: " + reason(t), t);
    }
  }

  /**
   * @param t an error from user code
   * @return one line naming its type and message, and its root cause's
   */
  static String reason(Throwable t) {
    String s = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != t) {
      s += " (caused by " + root.getClass().getName()
          + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    }
    return s.replace('\n', ' ').replace('\r', ' ');
  }

  /** What a worker needs from its job. */
  interface WorkerServices {
    Scheduler scheduler();

    Watchdog watchdog();

    io.batchscore.core.metrics.JobMetrics metrics();

    io.batchscore.core.logs.JobLog jobLog();

    WorkerLogger logger(WorkerSlot slot);

    io.batchscore.api.ScorerContext context(WorkerSlot slot, WorkerLogger logger);

    Scorer newScorer() throws Exception;

    void initialized(WorkerSlot slot);

    /** Every init attempt of the slot's worker failed; the last one for {@code reason}. */
    void initFailed(WorkerSlot slot, String reason);

    long timeoutNanos();

    int maxRetries();

    boolean prefetch();
  }

}
