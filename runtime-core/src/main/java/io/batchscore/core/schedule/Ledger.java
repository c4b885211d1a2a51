package io.batchscore.core.schedule;

import io.batchscore.api.MiniBatch;
import io.batchscore.core.output.ReorderBuffer;
import io.batchscore.core.resume.Checkpoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's book of mini-batches: which are out (running), done, to retry, to split, and
 * which wait to be written. No locking and no I/O: the {@link Scheduler} holds its lock around
 * every call and reads the source and writes commits between calls, outside it.
 *
 * <p>A mini-batch moves: issued (read from the source) → open, with its tasks in {@code ready}
 * or running → complete (every item has an outcome; counted against the error threshold) →
 * {@code pending} once every earlier one is complete → claimed by one writer as part of a group
 * → committed. Only one reader of the source and one writer of commits work at a time.
 */
final class Ledger {

  private final int window;
  private final FailurePolicy failurePolicy;
  private final ErrorThreshold errorThreshold;

  private final Deque<Task> ready = new ArrayDeque<>();
  private final Map<Long, BatchAssembly> open = new HashMap<>();
  private final ReorderBuffer<CompletedBatch> reorder;
  private final List<CompletedBatch> pending = new ArrayList<>();
  private long nextIndex;
  private int inFlight;
  private boolean sourceDone;
  private boolean reading;
  private boolean writing;
  private boolean outputFailed;
  private int liveSlots;

  private long itemsSucceeded; // committed
  private long itemsFailed; // committed
  private long itemsDone; // completed: committed, pending, or waiting for an earlier mini-batch
  private long doneFailed; // failed items completed: what the error threshold counts
  private long batchesCommitted;
  private JobStatus stopStatus;
  private String stopReason;
  private ItemFailure firstFailure;

  /**
   * @param from where the job starts: the beginning, or a resumed job's last checkpoint
   * @param firstFailure the first failed item committed before {@code from}, or null
   * @param window how many mini-batches may be issued and not yet committed
   * @param slots the worker slots; when every one has died the job fails
   */
  Ledger(
      Checkpoint from,
      ItemFailure firstFailure,
      int window,
      FailurePolicy failurePolicy,
      ErrorThreshold errorThreshold,
      int slots) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1, got " + window);
    }
    this.reorder = new ReorderBuffer<>(from.nextIndex());
    this.nextIndex = from.nextIndex();
    this.batchesCommitted = from.nextIndex();
    this.itemsSucceeded = from.itemsSucceeded();
    this.itemsFailed = from.itemsFailed();
    this.itemsDone = from.itemsSucceeded() + from.itemsFailed();
    this.doneFailed = from.itemsFailed();
    this.firstFailure = firstFailure;
    this.window = window;
    this.failurePolicy = failurePolicy;
    this.errorThreshold = errorThreshold;
    this.liveSlots = slots;
  }

  /** @return the first task in line, now running; null when none is ready */
  Task takeReady() {
    Task t = stopStatus == null ? ready.pollFirst() : null;
    if (t != null) {
      inFlight++;
    }
    return t;
  }

  /**
   * @return true when a new mini-batch should be read from the source now: none is being read,
   *     the source has more, and the window has room (counted from the last written commit, so
   *     at most {@code window} mini-batches are held in memory, whatever the input's size)
   */
  boolean mayRead() {
    return stopStatus == null && !sourceDone && !reading && nextIndex < batchesCommitted + window;
  }

  /** The caller reads the source now, outside the lock; no one else does until it reports. */
  void readStarted() {
    reading = true;
  }

  /** The source has no more mini-batches, or failed (then the caller also stops the job). */
  void sourceEnded() {
    reading = false;
    sourceDone = true;
  }

  /**
   * Records a mini-batch read from the source.
   *
   * @param rejected items of it that the source could not read: failed from the start
   * @param listing the source's listing digest through it
   * @return its first task, now running; null when it holds no items to run (it is complete)
   */
  Task issued(MiniBatch b, List<ItemFailure> rejected, String listing) {
    reading = false;
    BatchAssembly a = new BatchAssembly(b, rejected, listing);
    nextIndex = b.index() + 1;
    if (b.size() == 0) {
      complete(a);
      return null;
    }
    open.put(b.index(), a);
    if (stopStatus != null) {
      return null; // read while the job stopped: stays open, never committed
    }
    inFlight++;
    return new Task(b, 0);
  }

  /** A task taken but not run goes first in line again (or is dropped when stopping). */
  void giveBack(Task task) {
    inFlight--;
    if (stopStatus == null) {
      ready.addFirst(task);
    }
  }

  /** Records a run that returned a result list (or runs made and retried elsewhere). */
  void succeeded(Task task, PartResult result, BatchAssembly.Run run) {
    inFlight--;
    BatchAssembly a = open.get(task.batch().index());
    run.recordOn(a);
    if (a.partDone(task.offset(), result)) {
      complete(a);
    }
  }

  /**
   * Records a run that threw or timed out, and decides what follows.
   *
   * @return what happens next to the task
   */
  FailurePolicy.Decision failed(Task task, String reason, BatchAssembly.Run run) {
    inFlight--;
    MiniBatch b = task.batch();
    BatchAssembly a = open.get(b.index());
    run.recordOn(a);
    if (stopStatus != null) {
      return new FailurePolicy.Dropped(); // left open: a resumed job scores it again
    }
    FailurePolicy.Decision d = failurePolicy.decide(task);
    if (d instanceof FailurePolicy.Retry r) {
      ready.addFirst(r.next());
    } else if (d instanceof FailurePolicy.Split s) {
      a.split();
      ready.addFirst(s.parts().get(1));
      ready.addFirst(s.parts().get(0));
    } else if (a.partDone(task.offset(), PartResult.allFailed(b, reason))) {
      complete(a);
    }
    return d;
  }

  private void complete(BatchAssembly a) {
    open.remove(a.batch().index());
    CompletedBatch done = a.complete();
    itemsDone += done.succeeded() + done.failures().size();
    doneFailed += done.failures().size();
    if (errorThreshold.exceededBy(doneFailed)) {
      stop(JobStatus.Failed, errorThreshold.reason(doneFailed));
    }
    if (!outputFailed) {
      reorder.offer(done.index(), done, pending::add);
    }
  }

  /**
   * Claims the completed mini-batches that are next in index order, for the caller to write
   * outside the lock; while it writes, nobody else claims.
   *
   * @return the group to write, in index order; null when there is none or another writes
   */
  List<CompletedBatch> claimCommits() {
    if (writing || pending.isEmpty() || outputFailed) {
      return null;
    }
    writing = true;
    List<CompletedBatch> group = List.copyOf(pending);
    pending.clear();
    return group;
  }

  /** The claimed group is written: counts it as committed. */
  void committed(List<CompletedBatch> group) {
    writing = false;
    for (CompletedBatch b : group) {
      itemsSucceeded += b.succeeded();
      itemsFailed += b.failures().size();
      if (firstFailure == null && !b.failures().isEmpty()) {
        firstFailure = b.failures().get(0);
      }
      batchesCommitted++;
    }
  }

  /** Writing the claimed group failed: nothing more is written and the job fails. */
  void commitFailed(String why) {
    writing = false;
    outputFailed = true;
    pending.clear();
    stop(JobStatus.Failed, "cannot write the output: " + why);
  }

  /** A worker slot whose every init attempt failed. */
  void slotDied(String reason) {
    liveSlots--;
    if (liveSlots == 0) {
      stop(JobStatus.Failed, "every worker failed to init; last error: " + reason);
    }
  }

  /** Stops issuing work (the first reason wins); running tasks finish and commit in order. */
  void stop(JobStatus status, String reason) {
    if (stopStatus == null) {
      stopStatus = status;
      stopReason = reason;
      ready.clear();
    }
  }

  boolean stopping() {
    return stopStatus != null;
  }

  /** @return true when a waiting worker will never get a task: all issued and all complete */
  boolean noMoreWork() {
    return stopStatus != null || (sourceDone && open.isEmpty());
  }

  /** @return true while a thread reads the source or writes a group outside the lock */
  boolean busy() {
    return reading || writing;
  }

  /** @return true when nothing is left to run, read, or write */
  boolean finished() {
    if (reading || writing) {
      return false;
    }
    return stopStatus != null ? inFlight == 0 : sourceDone && open.isEmpty() && pending.isEmpty();
  }

  int queueDepth() {
    return (int) (nextIndex - batchesCommitted);
  }

  int reorderDepth() {
    return reorder.waiting();
  }

  /** @return the counts now; {@code itemsListed} is the source's, which the caller tracks */
  LedgerSnapshot snapshot(long itemsListed) {
    return new LedgerSnapshot(
        itemsSucceeded,
        itemsFailed,
        itemsDone - itemsSucceeded - itemsFailed,
        batchesCommitted,
        nextIndex,
        inFlight,
        sourceDone,
        itemsListed,
        stopStatus,
        stopReason,
        firstFailure);
  }
}
