package io.batchscore.core.schedule;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The {@link Scheduler}'s lock over its {@link Ledger}, and the waits on it: for a change (work
 * to take, a read or a write that ended), for the ledger to finish, and for no read or write to
 * be running outside the lock. The job's thread waits for the finish alone, so it is not woken by
 * each of the reports that every mini-batch makes.
 */
final class LedgerLock {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Condition finished = lock.newCondition();
  private final Ledger ledger;

  LedgerLock(Ledger ledger) {
    this.ledger = ledger;
  }

  void lock() {
    lock.lock();
  }

  void unlock() {
    lock.unlock();
  }

  /** Under the lock: wakes the threads waiting for a change, and the job's thread once finished. */
  void signalChanged() {
    changed.signalAll();
    if (ledger.finished()) {
      finished.signalAll();
    }
  }

  /**
   * Under the lock: waits for the next change.
   *
   * @throws InterruptedException when interrupted
   */
  void awaitChange() throws InterruptedException {
    changed.await();
  }

  /**
   * Waits for a change, at most {@code nanos}.
   *
   * @param nanos how long to wait at most
   * @throws InterruptedException when interrupted
   */
  @SuppressWarnings("WaitNotInLoop") // a bounded poll: callers look again whatever woke them
  void awaitChange(long nanos) throws InterruptedException {
    lock.lock();
    try {
      changed.awaitNanos(nanos);
    } finally {
      lock.unlock();
    }
  }

  /**
   * @param timeoutNanos how long to wait at most
   * @return true when the ledger has finished
   * @throws InterruptedException when interrupted
   */
  boolean awaitFinished(long timeoutNanos) throws InterruptedException {
    lock.lock();
    try {
      long left = timeoutNanos;
      while (!ledger.finished()) {
        if (left <= 0) {
          return false;
        }
        left = finished.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits, not interruptibly, until no thread reads the source or writes a group outside the
   * lock. An interrupt is kept for the caller.
   *
   * @param timeoutNanos how long to wait at most
   * @return true when idle
   */
  boolean awaitIdle(long timeoutNanos) {
    boolean interrupted = false;
    lock.lock();
    try {
      long deadline = System.nanoTime() + timeoutNanos;
      while (ledger.busy()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          changed.awaitNanos(left);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      return true;
    } finally {
      lock.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * @param read what to read from the ledger
   * @return its value, read under the lock
   */
  <T> T read(Supplier<T> read) {
    lock.lock();
    try {
      return read.get();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Changes the ledger under the lock and signals the change.
   *
   * @param change what to do to the ledger
   */
  void update(Runnable change) {
    lock.lock();
    try {
      change.run();
      signalChanged();
    } finally {
      lock.unlock();
    }
  }
}
