package io.batchscore.core.schedule;

import io.batchscore.core.device.WorkerSlot;
import io.batchscore.core.input.MiniBatchSource;
import io.batchscore.core.metrics.JobMetrics;
import io.batchscore.core.resume.Checkpoint;
import java.util.List;

/**
 * Hands mini-batches to workers and takes their outcomes back, keeping the {@link Ledger} of
 * which are out, done, to retry and to split ({@link FailurePolicy}, {@link ErrorThreshold}).
 *
 * <p><b>Concurrency.</b> The ledger is guarded by one lock ({@link LedgerLock}), held only for
 * bookkeeping. The two
 * slow parts run outside it, each by one thread at a time: reading the next mini-batch from the
 * source (listing, CSV parsing) is done by the worker that needs it, while other workers take
 * retries and parts or wait; and writing commits is done by the thread that completes the
 * mini-batch next in index order, which writes it together with every mini-batch completed
 * behind it in one group (one write per output file and one journal line per group), while
 * other workers go on scoring. Rows are thus written in index order, each mini-batch once.
 *
 * <p><b>Memory.</b> A new mini-batch is read only while its index is below the committed count
 * plus {@code window}, so at most {@code window} mini-batches are queued, running or waiting to
 * be written, whatever the input's size.
 *
 * <p><b>Unreadable items.</b> Items the source lists but cannot read (malformed CSV rows, see
 * {@link MiniBatchSource#rejected()}) are failed items of their mini-batch from the start: they
 * are committed with it, listed before the scorer's failures, and count against the error
 * threshold; the scorer never sees them. A mini-batch with nothing but such items is completed
 * at once, without a run.
 */
final class Scheduler {

  private final LedgerLock lock;

  private final SourceReader reader; // read by one thread at a time, outside the lock
  private final boolean keepRows;
  private final JobMetrics metrics;
  private final GroupWriter writer; // the commit path, outside the lock
  private final Ledger ledger; // guarded by lock
  private long itemsListed; // guarded by lock

  Scheduler(
      MiniBatchSource source,
      Checkpoint from,
      ItemFailure firstFailure,
      int window,
      int maxRetries,
      boolean isolate,
      long errorThreshold,
      boolean keepRows,
      Committer committer,
      JobMetrics metrics,
      int slots) {
    this.reader = new SourceReader(source);
    this.keepRows = keepRows;
    this.metrics = metrics;
    this.ledger =
        new Ledger(
            from,
            firstFailure,
            window,
            new FailurePolicy(new RetryPolicy(maxRetries), new IsolationPolicy(isolate)),
            new ErrorThreshold(errorThreshold),
            slots);
    this.lock = new LedgerLock(ledger);
    this.writer = new GroupWriter(lock, ledger, committer, metrics);
    this.itemsListed = reader.itemsListed();
    metrics.gauges(() -> lock.read(ledger::queueDepth), () -> lock.read(ledger::reorderDepth));
  }

  boolean keepRows() {
    return keepRows;
  }

  /**
   * Blocks until there is a run to make.
   *
   * @return the next task, or {@code null} when the job has nothing more for workers
   * @throws InterruptedException when the worker is interrupted while waiting
   */
  Task take() throws InterruptedException {
    return next(true);
  }

  /**
   * Takes a run to make if one is there now, without waiting (it may read the source): how a
   * prefetching worker gets its next mini-batch while the current one runs.
   *
   * @return the next task, or {@code null} when none is ready at once
   */
  Task poll() {
    try {
      return next(false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // not reached: polling does not wait
      return null;
    }
  }

  private Task next(boolean wait) throws InterruptedException {
    while (true) {
      lock.lock();
      try {
        while (true) {
          Task t = ledger.takeReady();
          if (t != null) {
            return t;
          }
          if (ledger.mayRead()) {
            ledger.readStarted();
            break;
          }
          if (!wait || ledger.noMoreWork()) {
            return null;
          }
          lock.awaitChange();
        }
      } finally {
        lock.unlock();
      }
      Task t = readNext();
      if (t != null) {
        return t;
      }
    }
  }

  /**
   * Reads the next mini-batch outside the lock (this thread alone reads), then records it.
   *
   * @return its first task, now running; null when it needs no run or the source ended
   */
  private Task readNext() {
    SourceReader.Read r = null;
    Task t = null;
    List<CompletedBatch> group = null;
    try {
      r = reader.read();
    } finally {
      lock.lock();
      try {
        if (r == null || r.batch() == null) {
          ledger.sourceEnded();
          if (r == null || r.error() != null) {
            ledger.stop(JobStatus.Failed, r == null ? "cannot read the input" : r.error());
          }
        } else {
          itemsListed = r.itemsListed();
          t = ledger.issued(r.batch(), r.rejected(), r.listing());
          group = ledger.claimCommits();
        }
        lock.signalChanged();
      } finally {
        lock.unlock();
      }
    }
    writer.write(group);
    return t;
  }

  /**
   * Gives back a task a worker took but will not run (it was prefetched by a worker that timed
   * out): it goes first in line again, or, when the job is stopping, stays uncommitted.
   */
  void giveBack(Task task) {
    lock.update(() -> ledger.giveBack(task));
  }

  /** Reports a run that returned a result list. */
  void succeeded(Task task, PartResult result, WorkerSlot worker, long nanos) {
    report(task, result, a -> a.attempted(worker, nanos));
  }

  /**
   * Reports a mini-batch (or part) whose runs, retries and isolation were made elsewhere (a
   * {@link RemoteCompute}'s worker): its outcome is final, whatever items failed in it.
   */
  void completedRemotely(
      Task task, PartResult result, String worker, String device, int runs, long nanos) {
    report(task, result, a -> a.attempted(worker, device, runs, nanos));
  }

  private void report(Task task, PartResult result, BatchAssembly.Run run) {
    List<CompletedBatch> group;
    lock.lock();
    try {
      ledger.succeeded(task, result, run);
      group = ledger.claimCommits();
      lock.signalChanged();
    } finally {
      lock.unlock();
    }
    writer.write(group);
  }

  /**
   * Reports a run that threw or timed out.
   *
   * @return what happens next to the task, for the worker's log
   */
  String failed(Task task, String reason, WorkerSlot worker, long nanos) {
    String next;
    List<CompletedBatch> group;
    lock.lock();
    try {
      FailurePolicy.Decision d = ledger.failed(task, reason, a -> a.attempted(worker, nanos));
      if (d instanceof FailurePolicy.Retry) {
        metrics.retried();
      }
      next = d.describe();
      group = ledger.claimCommits();
      lock.signalChanged();
    } finally {
      lock.unlock();
    }
    writer.write(group);
    return next;
  }

  /**
   * Waits until a run may be ready to take, or the job has finished.
   *
   * @param nanos how long to wait at most
   * @throws InterruptedException when interrupted
   */
  void awaitChange(long nanos) throws InterruptedException {
    lock.awaitChange(nanos);
  }

  /** @return true when nothing is left to run, read, write or report back */
  boolean isFinished() {
    return lock.read(ledger::finished);
  }

  /** @return true once the job is stopping (failed, canceled) */
  boolean isStopping() {
    return lock.read(ledger::stopping);
  }

  /** A worker slot whose every init attempt failed. */
  void slotDied(String reason) {
    lock.update(() -> ledger.slotDied(reason));
  }

  /** Stops issuing work; in-flight runs finish (or time out) and are committed if in order. */
  void stop(JobStatus status, String reason) {
    lock.update(() -> ledger.stop(status, reason));
  }

  /**
   * Waits until every mini-batch is committed, or the job stopped and nothing is running, being
   * read or being written.
   *
   * @param timeoutNanos how long to wait at most
   * @return true when finished
   * @throws InterruptedException when interrupted
   */
  boolean awaitFinished(long timeoutNanos) throws InterruptedException {
    return lock.awaitFinished(timeoutNanos);
  }

  /**
   * Waits, not interruptibly, until no thread reads the source or writes a group outside the
   * lock: once the ledger is stopped and the workers are stopped, idle is final, so the counts
   * and the files are then the committed ones. An interrupt is kept for the caller.
   *
   * @param timeoutNanos how long to wait at most
   * @return true when idle
   */
  boolean awaitIdle(long timeoutNanos) {
    return lock.awaitIdle(timeoutNanos);
  }

  /** @return a consistent copy of the counts */
  LedgerSnapshot snapshot() {
    return lock.read(() -> ledger.snapshot(itemsListed));
  }
}
