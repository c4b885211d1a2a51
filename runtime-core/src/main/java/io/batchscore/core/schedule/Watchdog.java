package io.batchscore.core.schedule;

import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Gives up runs that outlive {@code retry_settings.timeout}. One daemon thread looks at every
 * watched run a few times per timeout; the hot path pays only two volatile writes per run. Whether
 * a run finished or timed out is decided by {@link RunAttempt#expire}'s compare-and-set, so
 * exactly one of the worker and the watchdog reports its outcome.
 *
 * <p>It knows workers only as {@link Watched}: whoever registers them (the pool) is told of a
 * timeout through {@code onTimeout}; the watchdog itself calls nothing else.
 *
 * @param <W> what is watched
 */
final class Watchdog<W extends Watchdog.Watched> implements Runnable {

  /** Something with a run in progress, or none. */
  interface Watched {
    /** @return the run in progress, or null */
    RunAttempt currentRun();
  }

  private final Set<W> watched = ConcurrentHashMap.newKeySet();
  private final long tickMillis;
  private final BiConsumer<W, RunAttempt> onTimeout;
  private volatile boolean stopped;

  /**
   * @param timeoutNanos the run timeout
   * @param onTimeout called on the watchdog's thread with what timed out and its run
   */
  Watchdog(long timeoutNanos, BiConsumer<W, RunAttempt> onTimeout) {
    this.tickMillis = Math.max(5, Math.min(250, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 10));
    this.onTimeout = onTimeout;
  }

  void watch(W w) {
    watched.add(w);
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
      if (stopped) {
        return;
      }
      long now = System.nanoTime();
      for (Iterator<W> it = watched.iterator(); it.hasNext(); ) {
        W w = it.next();
        RunAttempt r = w.currentRun();
        if (r != null && now - r.deadlineNanos() > 0 && r.expire()) {
          it.remove();
          onTimeout.accept(w, r);
        }
      }
    }
  }
}
