package io.batchscore.api;

import java.util.List;

/**
 * A user's model code: the JVM counterpart of a batch endpoint's scoring script.
 *
 * <p><b>Life of an instance.</b> The runtime makes one instance per worker with the public
 * no-argument constructor, calls {@link #init} once on that worker's thread, then {@link #run}
 * once per mini-batch on the same thread, then {@link #close} once, on that thread too. State
 * shared between workers (a model loaded once per device, for example) must be made thread-safe
 * by the scorer.
 *
 * <p><b>Which calls may overlap.</b> On one instance, {@code init}, {@code run} and {@code close}
 * never overlap one another and never run on two threads at once. The one exception is a
 * {@link PreparingScorer}: its {@code prepare} of the next mini-batch runs on the worker's
 * prefetch thread while {@code run} of the current one runs (see there). Different instances
 * (workers) run at the same time; an instance given up after a timeout may still be inside its
 * {@code run} while its replacement, a new instance, calls {@code init} and {@code run}.
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
 * Returning <em>more</em> elements than items fails that attempt, with the reason "run returned
 * N elements for the M items of ...", and nothing of it is written (the attempt is retried like
 * one that threw). Python scoring scripts follow the cloud instead: every element is a row.
 *
 * <p><b>Failures.</b> An exception from {@code run} fails the attempt; the runtime retries the
 * mini-batch ({@code retry_settings.max_retries} attempts in all) and then counts its items as
 * failed (or, with {@code isolate_failed_items}, splits it to find the failing items). An
 * exception from {@code init} is retried too: up to {@code retry_settings.max_retries} attempts,
 * each on a new instance (the failed one is closed); when every attempt fails the worker does not
 * start, and when no worker starts the job fails.
 *
 * <p><b>Timeouts.</b> A call that outlives {@code retry_settings.timeout} is abandoned: its thread
 * is interrupted, the attempt counts as failed, and a fresh worker (a new instance, {@code init}
 * again) takes over. The abandoned instance is closed on its own thread as soon as its call
 * returns, its late result dropped; at the job's end the runtime waits for such calls at most
 * {@code min(timeout, 10 s)}, and one still running then is closed whenever it returns (a call
 * that never returns keeps its instance). A scorer holding native memory (a GPU model) should
 * therefore return from {@code run} when interrupted, or at least eventually.
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

  /**
   * Releases what {@link #init} acquired; called once per instance, on its worker's thread: at the
   * end of the job, after a failed {@code init}, or when an abandoned {@code run} returns.
   */
  @Override
  default void close() throws Exception {}
}
