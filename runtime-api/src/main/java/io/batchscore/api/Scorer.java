package io.batchscore.api;

import java.util.List;

/**
 * A user's model code: the JVM counterpart of a batch endpoint's scoring script.
 *
 * <p>The runtime makes one instance per worker with the public no-argument constructor, calls
 * {@link #init} once on that worker's thread, then {@link #run} once per mini-batch on the same
 * thread, then {@link #close} once at the end. An instance is therefore never called from two
 * threads at once; state shared between workers (a model loaded once per device, for example)
 * must be made thread-safe by the scorer.
 *
 * <p><b>Results.</b> {@code run} returns one element per item of the mini-batch, in the items'
 * order. Each element becomes one row of the output file (for {@code append_row}):
 * <ul>
 *   <li>a {@link CharSequence} is written as it is;</li>
 *   <li>a {@link java.util.List}, an {@code Object[]} or a {@link Record} is written as CSV
 *       columns (RFC 4180 quoting, comma-separated);</li>
 *   <li>anything else is written with {@code String.valueOf};</li>
 *   <li>a {@link FailedItem} writes no row and counts that item as failed, with its reason;</li>
 *   <li>{@code null} counts that item as failed ("run returned null for this item").</li>
 * </ul>
 * Returning fewer elements than items counts the missing items as failed, as the managed driver
 * does; the runtime cannot tell which items were dropped, so they are reported as the last ones.
 *
 * <p><b>Failures.</b> An exception from {@code run} fails the attempt; the runtime retries the
 * mini-batch ({@code retry_settings.max_retries}) and then counts its items as failed. A call that
 * outlives {@code retry_settings.timeout} is abandoned: the thread is interrupted and given up,
 * and a fresh worker (new instance, {@code init} again) takes over. An exception from
 * {@code init} fails the worker.
 */
public interface Scorer extends AutoCloseable {

  /**
   * Loads the model; called once per worker before its first mini-batch.
   *
   * @param context the worker's model directory, device, logger, settings and services
   * @throws Exception any failure; the worker does not start
   */
  void init(ScorerContext context) throws Exception;

  /**
   * Scores one mini-batch.
   *
   * @param batch the items to score, with the mini-batch's index and attempt number
   * @return one element per item, in the items' order (see the class documentation)
   * @throws Exception any failure of the whole attempt
   */
  List<?> run(MiniBatch batch) throws Exception;

  /** Releases what {@link #init} acquired; called once per worker at the end of the job. */
  @Override
  default void close() throws Exception {}
}
