package io.batchscore.core.schedule;

import io.batchscore.api.MiniBatch;
import io.batchscore.core.device.WorkerSlot;
import io.batchscore.core.input.MiniBatchSource;
import io.batchscore.core.input.RejectedItem;
import io.batchscore.core.metrics.JobMetrics;
import io.batchscore.core.output.ReorderBuffer;
import io.batchscore.core.resume.Checkpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands mini-batches to workers and takes their outcomes back: retries, splitting failed
 * mini-batches to isolate bad items, the error threshold, stopping, and committing finished
 * mini-batches in index order.
 *
 * <p><b>Concurrency.</b> Everything here is guarded by one lock, {@link #lock}: the input source,
 * the queue of retries and parts, the open mini-batches, the counts, and the commit itself (the
 * {@link Committer} runs under it, so rows are written by whichever worker completes the
 * mini-batch at the head, one at a time, with no writer thread). A worker takes the lock twice
 * per mini-batch: to {@link #take} and to report the outcome.
 *
 * <p><b>Memory.</b> A new mini-batch is issued only while its index is below the committed
 * count plus {@code window}, so at most {@code window} mini-batches are queued, running or
 * waiting to be committed, whatever the input's size.
 *
 * <p><b>Retries.</b> A failed whole mini-batch is retried until it has had {@code maxRetries}
 * attempts. Then, with {@code isolate}, it is split in two and each half run once; a failing
 * half is split again, down to single items, so only the items that fail on their own are
 * counted failed. Retries and parts are served before new mini-batches.
 *
 * <p><b>Unreadable items.</b> Items the source lists but cannot read (malformed CSV rows, see
 * {@link MiniBatchSource#rejected()}) are failed items of their mini-batch from the start: they
 * are committed with it, listed before the scorer's failures, and count against the error
 * threshold; the scorer never sees them. A mini-batch with nothing but such items is completed
 * at once, without a run.
 */
final class Scheduler {

  /** Receives completed mini-batches in index order, under the scheduler's lock. */
  interface Committer {
    /**
     * @param batch the next mini-batch in index order
     * @throws IOException when the output cannot be written; the job fails
     */
    void commit(CompletedBatch batch) throws IOException;
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  private final MiniBatchSource source;
  private final int window;
  private final int maxRetries;
  private final boolean isolate;
  private final long errorThreshold;
  private final boolean keepRows;
  private final Committer committer;
  private final JobMetrics metrics;

  private final Deque<Task> ready = new ArrayDeque<>();
  private final Map<Long, BatchAssembly> open = new HashMap<>();
  private final ReorderBuffer<CompletedBatch> reorder;
  private boolean outputFailed;
  private boolean sourceDone;
  private long nextIndex;
  private int inFlight;
  private int liveSlots;

  private long itemsSucceeded; // committed
  private long itemsFailed; // committed
  private long itemsDone; // completed, committed or waiting for an earlier mini-batch
  private long doneFailed; // failed items completed: what the error threshold counts
  private long batchesCommitted;
  private JobStatus stopStatus;
  private String stopReason;
  private ItemFailure firstFailure;

  Scheduler(MiniBatchSource source, Checkpoint from, ItemFailure firstFailure, int window,
      int maxRetries, boolean isolate, long errorThreshold, boolean keepRows, Committer committer,
      JobMetrics metrics, int slots) {
    this.source = source;
    this.reorder = new ReorderBuffer<>(from.nextIndex());
    this.nextIndex = from.nextIndex();
    this.batchesCommitted = from.nextIndex();
    this.itemsSucceeded = from.itemsSucceeded();
    this.itemsFailed = from.itemsFailed();
    this.itemsDone = from.itemsSucceeded() + from.itemsFailed();
    this.doneFailed = from.itemsFailed();
    this.firstFailure = firstFailure;
    this.window = window;
    this.maxRetries = maxRetries;
    this.isolate = isolate;
    this.errorThreshold = errorThreshold;
    this.keepRows = keepRows;
    this.committer = committer;
    this.metrics = metrics;
    this.liveSlots = slots;
    metrics.gauges(this::queueDepth, this::reorderDepth);
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
   * Takes a run to make if one is there now, without waiting: how a prefetching worker gets its
   * next mini-batch while the current one runs.
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

  /**
   * Gives back a task a worker took but will not run (it was prefetched by a worker that timed
   * out): it goes first in line again, or, when the job is stopping, stays uncommitted.
   */
  void giveBack(Task task) {
    lock.lock();
    try {
      inFlight--;
      if (stopStatus == null) {
        ready.addFirst(task);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private Task next(boolean wait) throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        if (stopStatus != null) {
          return null;
        }
        Task t = ready.pollFirst();
        if (t != null) {
          inFlight++;
          return t;
        }
        if (!sourceDone && nextIndex < reorder.committed() + window) {
          MiniBatch b = nextFromSource();
          if (b != null) {
            BatchAssembly a = new BatchAssembly(b, rejected(b), source.listingDigest());
            nextIndex = b.index() + 1;
            if (b.size() == 0) { // only unreadable items: nothing to run
              complete(a);
              changed.signalAll();
              continue;
            }
            open.put(b.index(), a);
            inFlight++;
            return new Task(b, 0);
          }
          continue;
        }
        if (!wait || (sourceDone && open.isEmpty())) {
          return null;
        }
        changed.await();
      }
    } finally {
      lock.unlock();
    }
  }

  private MiniBatch nextFromSource() {
    try {
      MiniBatch b = source.next();
      if (b == null) {
        sourceDone = true;
        changed.signalAll();
      }
      return b;
    } catch (IOException | RuntimeException e) {
      sourceDone = true;
      stop(JobStatus.Failed, "cannot read the input: " + e.getMessage());
      return null;
    }
  }

  /** @return the items of {@code b} that the source rejected, as failed items */
  private List<ItemFailure> rejected(MiniBatch b) {
    List<RejectedItem> r = source.rejected();
    if (r.isEmpty()) {
      return List.of();
    }
    List<ItemFailure> failures = new ArrayList<>(r.size());
    for (RejectedItem item : r) {
      failures.add(new ItemFailure(b.index(), item.item(), item.reason()));
    }
    return failures;
  }

  /** Reports a run that returned a result list. */
  void succeeded(Task task, PartResult result, WorkerSlot worker, long nanos) {
    lock.lock();
    try {
      inFlight--;
      BatchAssembly a = open.get(task.batch().index());
      a.attempted(worker, nanos);
      if (a.partDone(task.offset(), result)) {
        complete(a);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Reports a mini-batch (or part) whose runs, retries and isolation were made elsewhere (a
   * {@link RemoteCompute}'s worker): its outcome is final, whatever items failed in it.
   */
  void completedRemotely(Task task, PartResult result, String worker, String device, int runs,
      long nanos) {
    lock.lock();
    try {
      inFlight--;
      BatchAssembly a = open.get(task.batch().index());
      a.attempted(worker, device, runs, nanos);
      if (a.partDone(task.offset(), result)) {
        complete(a);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until a run may be ready to take, or the job has finished.
   *
   * @param nanos how long to wait at most
   * @throws InterruptedException when interrupted
   */
  void awaitChange(long nanos) throws InterruptedException {
    lock.lock();
    try {
      changed.awaitNanos(nanos);
    } finally {
      lock.unlock();
    }
  }

  /** @return true when nothing is left to run or to report back */
  boolean isFinished() {
    lock.lock();
    try {
      return finished();
    } finally {
      lock.unlock();
    }
  }

  /** @return true once the job is stopping (failed, canceled) */
  boolean isStopping() {
    lock.lock();
    try {
      return stopStatus != null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Reports a run that threw or timed out.
   *
   * @return what happens next to the task, for the worker's log
   */
  String failed(Task task, String reason, WorkerSlot worker, long nanos) {
    lock.lock();
    try {
      inFlight--;
      MiniBatch b = task.batch();
      BatchAssembly a = open.get(b.index());
      a.attempted(worker, nanos);
      String next;
      if (stopStatus != null) {
        // left open, never committed: a resumed job scores this mini-batch again
        next = "not retried: the job is stopping; a resume will score it again";
      } else if (b.part().isEmpty() && b.attempt() < maxRetries) {
        ready.addFirst(new Task(b.withAttempt(b.attempt() + 1), task.offset()));
        metrics.retried();
        next = "will retry (attempt " + (b.attempt() + 1) + " of " + maxRetries + ")";
      } else if (isolate && b.size() > 1) {
        int mid = b.size() / 2;
        String prefix = b.part().isEmpty() ? "" : b.part() + "/";
        a.split();
        ready.addFirst(new Task(b.slice(mid, b.size(), prefix + "2"), task.offset() + mid));
        ready.addFirst(new Task(b.slice(0, mid, prefix + "1"), task.offset()));
        next = "split into parts of " + mid + " and " + (b.size() - mid) + " items to isolate"
            + " the failing items";
      } else {
        next = b.size() == 1 ? "item failed" : "its " + b.size() + " items failed";
        if (a.partDone(task.offset(), PartResult.allFailed(b, reason))) {
          complete(a);
        }
      }
      changed.signalAll();
      return next;
    } finally {
      lock.unlock();
    }
  }

  private void complete(BatchAssembly a) {
    open.remove(a.batch().index());
    CompletedBatch done = a.complete();
    itemsDone += done.succeeded() + done.failures().size();
    doneFailed += done.failures().size();
    if (errorThreshold >= 0 && doneFailed > errorThreshold && stopStatus == null) {
      stop(JobStatus.Failed, "error_threshold " + errorThreshold + " exceeded: " + doneFailed
          + " items failed");
    }
    if (outputFailed) {
      return; // nothing more is written once the output failed
    }
    try {
      reorder.offer(done.index(), done, this::commit);
    } catch (RuntimeException e) { // the committer's IOException, or a bug: stop either way
      outputFailed = true;
      String why = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
      stop(JobStatus.Failed, "cannot write the output: " + why);
    }
  }

  /** Commits the next mini-batch in index order; called by {@link #reorder} under our lock. */
  private void commit(CompletedBatch b) {
    try {
      committer.commit(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    metrics.committed(b.succeeded(), b.failures().size(), b.status());
    itemsSucceeded += b.succeeded();
    itemsFailed += b.failures().size();
    if (firstFailure == null && !b.failures().isEmpty()) {
      firstFailure = b.failures().get(0);
    }
    batchesCommitted++;
  }

  /** A worker slot whose every init attempt failed. */
  void slotDied(String reason) {
    lock.lock();
    try {
      liveSlots--;
      if (liveSlots == 0 && stopStatus == null) {
        stop(JobStatus.Failed, "every worker failed to init; last error: " + reason);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops issuing work; in-flight runs finish (or time out) and are committed if in order. */
  void stop(JobStatus status, String reason) {
    lock.lock();
    try {
      if (stopStatus == null) {
        stopStatus = status;
        stopReason = reason;
        ready.clear();
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until every mini-batch is committed, or the job stopped and nothing is running.
   *
   * @param timeoutNanos how long to wait at most
   * @return true when finished
   * @throws InterruptedException when interrupted
   */
  boolean awaitFinished(long timeoutNanos) throws InterruptedException {
    lock.lock();
    try {
      long left = timeoutNanos;
      while (!finished()) {
        if (left <= 0) {
          return false;
        }
        left = changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private boolean finished() {
    return stopStatus != null ? inFlight == 0 : sourceDone && open.isEmpty();
  }

  /** @return a consistent copy of the counts */
  Snapshot snapshot() {
    lock.lock();
    try {
      return new Snapshot(itemsSucceeded, itemsFailed,
          itemsDone - itemsSucceeded - itemsFailed, batchesCommitted, nextIndex, inFlight,
          sourceDone, source.itemsListed(), stopStatus, stopReason, firstFailure);
    } finally {
      lock.unlock();
    }
  }

  private int queueDepth() {
    lock.lock();
    try {
      return (int) (nextIndex - reorder.committed());
    } finally {
      lock.unlock();
    }
  }

  private int reorderDepth() {
    lock.lock();
    try {
      return reorder.waiting();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The job's counts at one moment.
   *
   * @param itemsSucceeded committed items that gave a row (or a counted result)
   * @param itemsFailed committed items that failed
   * @param itemsUncommitted items scored (or failed) whose mini-batch waits for an earlier one
   *     to be committed: not in the output; a resume scores them again
   * @param batchesCommitted mini-batches committed
   * @param batchesCreated mini-batches issued (the next index)
   * @param inFlight runs in progress
   * @param inputListed whether the whole input has been listed
   * @param itemsListed items listed so far
   * @param stopStatus why the job stopped early, or null
   * @param stopReason the reason, or null
   * @param firstFailure the first failed item, or null
   */
  record Snapshot(long itemsSucceeded, long itemsFailed, long itemsUncommitted,
      long batchesCommitted,
      long batchesCreated, int inFlight, boolean inputListed, long itemsListed,
      JobStatus stopStatus, String stopReason, ItemFailure firstFailure) {}
}
