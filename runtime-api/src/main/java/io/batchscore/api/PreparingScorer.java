package io.batchscore.api;

import java.util.List;

/**
 * A {@link Scorer} whose work per mini-batch splits into a CPU-side {@link #prepare} (read and
 * decode the items, build the input tensor) and {@link #run(MiniBatch, Object)} (inference). The
 * runtime prepares a worker's next mini-batch on a second thread while the current one runs, so
 * a GPU is not idle while the CPU decodes (and, on CPU, decoding overlaps inference).
 *
 * <p><b>Threads: which calls overlap.</b> {@code prepare} runs on the worker's prefetch thread;
 * {@code run} on the worker's thread. {@code prepare(next)} may run at the same time as
 * {@code run(current)} on the same instance, so what both touch must be thread-safe; two
 * {@code prepare} calls never overlap, nor two {@code run} calls. At most one prepared value waits
 * to be run, so a scorer that reuses buffers needs two and can alternate them. {@code init}
 * happens before the first {@code prepare}, and {@code close} after the last {@code prepare} and
 * {@code run} have returned (the prefetch thread is interrupted and a {@code prepare} in progress
 * is waited for, at most 10 s).
 *
 * <p><b>Failures and timeouts.</b> An exception from {@code prepare} fails that mini-batch's
 * attempt, as one from {@code run} does; the time spent waiting for {@code prepare} counts in
 * {@code retry_settings.timeout}. A prepared value whose mini-batch is not run (its worker timed
 * out) is dropped.
 *
 * <p>Prefetching is on by default; the deployment key {@code prefetch: false} turns it off, and
 * then the runtime calls {@link #run(MiniBatch)}, which prepares and runs on the worker's thread.
 *
 * @param <P> what {@code prepare} hands to {@code run}
 */
public interface PreparingScorer<P> extends Scorer {

  /**
   * Prepares a mini-batch's input, ahead of its run.
   *
   * @param batch the mini-batch
   * @return the prepared input
   * @throws Exception any failure; the attempt fails
   */
  P prepare(MiniBatch batch) throws Exception;

  /**
   * Scores a prepared mini-batch.
   *
   * @param batch the mini-batch
   * @param prepared what {@link #prepare} returned for it
   * @return one element per item (see {@link Scorer})
   * @throws Exception any failure of the attempt
   */
  List<?> run(MiniBatch batch, P prepared) throws Exception;

  /** Prepares and runs on the calling thread. */
  @Override
  default List<?> run(MiniBatch batch) throws Exception {
    return run(batch, prepare(batch));
  }
}
