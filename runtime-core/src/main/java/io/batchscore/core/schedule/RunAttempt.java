package io.batchscore.core.schedule;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run in progress on a worker. Its worker ({@link #finish}) and the {@link Watchdog} or the
 * pool stopping ({@link #expire}) race to decide its outcome with one compare-and-set: exactly
 * one of them reports it.
 */
final class RunAttempt {
  private static final int RUNNING = 0;
  private static final int FINISHED = 1;
  private static final int EXPIRED = 2;

  private final Task task;
  private final long startNanos;
  private final long deadlineNanos;
  private final AtomicInteger state = new AtomicInteger(RUNNING);

  RunAttempt(Task task, long startNanos, long timeoutNanos) {
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

  /** @return true when the worker won: it reports the outcome */
  boolean finish() {
    return state.compareAndSet(RUNNING, FINISHED);
  }

  /** @return true when the run was given up: its late outcome is dropped */
  boolean expire() {
    return state.compareAndSet(RUNNING, EXPIRED);
  }
}
