package io.batchscore.core.schedule;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Abandons runs that outlive {@code retry_settings.timeout}. One daemon thread looks at every
 * worker's current run a few times per timeout; the hot path pays only two volatile writes per
 * run. Whether a run finished or timed out is decided by one compare-and-set on the
 * {@link Worker.Run}, so exactly one of the worker and the watchdog reports its outcome.
 */
final class Watchdog implements Runnable {

  private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
  private final long tickMillis;
  private final BiConsumer<Worker, Worker.Run> onTimeout;
  private volatile boolean stopped;

  /**
   * @param timeoutNanos the run timeout
   * @param onTimeout called (on the watchdog's thread) with a worker whose run timed out
   */
  Watchdog(long timeoutNanos, BiConsumer<Worker, Worker.Run> onTimeout) {
    this.tickMillis = Math.max(5, Math.min(250, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 10));
    this.onTimeout = onTimeout;
  }

  void watch(Worker w) {
    workers.add(w);
  }

  void forget(Worker w) {
    workers.remove(w);
  }

  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    while (!stopped) {
      try {
        Thread.sleep(tickMillis);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (Worker w : workers) {
        Worker.Run r = w.currentRun();
        if (r != null && now - r.deadlineNanos() > 0 && r.expire()) {
          workers.remove(w);
          onTimeout.accept(w, r);
        }
      }
    }
  }
}
