package io.batchscore.core.schedule;

import io.batchscore.api.PreparingScorer;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A worker's prefetch thread for a {@link PreparingScorer}: prepares the worker's next mini-batch
 * while the current one runs. One daemon thread per worker, so two {@code prepare} calls never
 * overlap; the worker holds at most one prepared task ahead.
 */
final class Prefetcher implements AutoCloseable {

  /** A task whose input is being (or has been) prepared. */
  final class Prepared {
    private final Task task;
    private final Future<Object> input;

    private Prepared(Task task, Future<Object> input) {
      this.task = task;
      this.input = input;
    }

    Task task() {
      return task;
    }

    /** Waits for the prepared input and runs the scorer on it. */
    List<?> run() throws Exception {
      Object in;
      try {
        in = input.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception ex ? ex : e;
      }
      return runPrepared(task, in);
    }
  }

  /** How long {@link #close} waits for a {@code prepare} in progress. */
  static final long CLOSE_WAIT_SECONDS = 10;

  private final PreparingScorer<Object> scorer;
  private final ExecutorService thread;

  @SuppressWarnings("unchecked")
  Prefetcher(PreparingScorer<?> scorer, String workerName) {
    this.scorer = (PreparingScorer<Object>) scorer;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "batchscore-" + workerName + "-prefetch");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts preparing a task's input on the prefetch thread. */
  Prepared prepare(Task task) {
    Callable<Object> work = () -> scorer.prepare(task.batch());
    return new Prepared(task, thread.submit(work));
  }

  private List<?> runPrepared(Task task, Object input) throws Exception {
    return scorer.run(task.batch(), input);
  }

  /**
   * Stops the prefetch thread and waits for a {@code prepare} in progress to return, at most
   * {@link #CLOSE_WAIT_SECONDS}, so the scorer is closed after it.
   */
  @Override
  public void close() {
    thread.shutdownNow();
    boolean interrupted = Thread.interrupted(); // an abandoned worker's interrupt
    try {
      thread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
