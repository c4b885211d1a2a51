package io.batchscore.spark.executor;

import io.batchscore.api.Device;
import io.batchscore.api.MiniBatch;
import io.batchscore.api.Scorer;
import io.batchscore.core.scorer.ScorerFactory;
import io.batchscore.core.scorer.WorkerContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One worker slot of an executor: an initialised {@link Scorer} and the daemon thread its runs
 * are made on, kept across Spark tasks. A run that passes the timeout abandons the slot (its
 * thread is interrupted and left behind, as a local worker's is); the pool makes a new one.
 */
final class ScorerSlot {

  private final String node;
  private final int process;
  private final Device device;
  private final BufferedLog log;
  private final ExecutorService thread;
  private Scorer scorer;
  private volatile boolean abandoned;
  private boolean ranTask; // read and set by the task holding the slot

  private ScorerSlot(String node, int process, Device device, BufferedLog log) {
    this.node = node;
    this.process = process;
    this.device = device;
    this.log = log;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "batchscore-" + name());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Makes a slot and initialises its scorer, retrying {@code init} as a local worker does.
   *
   * @throws Exception the last init failure
   */
  static ScorerSlot start(
      ExecutorSpec spec,
      ScorerFactory factory,
      Path modelDir,
      String node,
      int process,
      Device device,
      boolean replacing)
      throws Exception {
    String name = node + "/" + io.batchscore.core.logs.JobLayout.processName(process);
    ScorerSlot slot =
        new ScorerSlot(node, process, device, new BufferedLog(name, spec.loggingLevel()));
    Exception last = null;
    for (int attempt = 1; attempt <= spec.maxRetries(); attempt++) {
      Scorer s = null;
      try {
        s = factory.newScorer();
        long start = System.nanoTime();
        Scorer made = s;
        slot.call(
            () -> {
              made.init(
                  new WorkerContext(
                      modelDir,
                      device,
                      spec.intraOpThreads(),
                      process,
                      node,
                      slot.log,
                      spec.environment(),
                      List.of("--logging_level", spec.loggingLevel()),
                      Path.of(spec.outputDir()),
                      Map.of()));
              return null;
            },
            Long.MAX_VALUE);
        slot.scorer = s;
        slot.log.log(
            System.Logger.Level.INFO,
            "[batchscore] worker "
                + name
                + " started on "
                + device
                + " (init "
                + (System.nanoTime() - start) / 1_000_000
                + " ms"
                + (replacing ? ", replacing a worker whose run timed out" : "")
                + ")");
        return slot;
      } catch (Exception e) {
        last = e;
        slot.log.log(
            System.Logger.Level.ERROR,
            "[batchscore] init attempt " + attempt + " of " + spec.maxRetries() + " failed: " + e,
            e);
        if (s != null) {
          slot.closeQuietly(s);
        }
      }
    }
    slot.thread.shutdownNow();
    throw last;
  }

  String node() {
    return node;
  }

  int process() {
    return process;
  }

  Device device() {
    return device;
  }

  BufferedLog log() {
    return log;
  }

  String name() {
    return node + "/" + io.batchscore.core.logs.JobLayout.processName(process);
  }

  /** @return whether the slot had run a task before this one, which it now counts */
  boolean beginTask() {
    boolean before = ranTask;
    ranTask = true;
    return before;
  }

  boolean abandoned() {
    return abandoned;
  }

  /**
   * Runs the scorer on this slot's thread.
   *
   * @param batch the mini-batch or part
   * @param timeoutMillis {@code retry_settings.timeout}
   * @return what {@code run} returned
   * @throws TimeoutException when it did not return in time: the slot is abandoned
   * @throws Exception what {@code run} threw
   */
  List<?> run(MiniBatch batch, long timeoutMillis) throws Exception {
    return call(() -> scorer.run(batch), timeoutMillis);
  }

  private <T> T call(java.util.concurrent.Callable<T> work, long timeoutMillis) throws Exception {
    Future<T> f = thread.submit(work);
    try {
      return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      abandon(f);
      throw e;
    } catch (InterruptedException e) { // the task was killed (a speculative loser, a cancel)
      abandon(f);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw new ExecutionException(cause);
    }
  }

  private void abandon(Future<?> f) {
    abandoned = true;
    f.cancel(true);
    thread.shutdown();
  }

  /**
   * Closes the scorer on its own thread (as {@code Scorer} promises), waiting for it 10 s at most
   * (when the executor ends, or the job ends in local mode).
   */
  void close() {
    if (scorer != null && !abandoned) {
      Scorer s = scorer;
      try {
        thread.submit(() -> closeQuietly(s)).get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        log.log(System.Logger.Level.ERROR, "[batchscore] close did not end: " + e, e);
      }
    }
    thread.shutdownNow();
  }

  private void closeQuietly(Scorer s) {
    try {
      s.close();
    } catch (Exception e) {
      log.log(System.Logger.Level.ERROR, "[batchscore] close failed: " + e, e);
    }
  }
}
