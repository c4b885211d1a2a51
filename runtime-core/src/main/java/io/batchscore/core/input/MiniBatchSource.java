package io.batchscore.core.input;

import io.batchscore.api.MiniBatch;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Cuts the job's input into mini-batches lazily, as the workers ask for them, so memory does not
 * grow with the size of the input. Not thread-safe: the scheduler calls it from one thread at a
 * time (outside its lock).
 */
public interface MiniBatchSource extends Closeable {

  /**
   * @return the next mini-batch (attempt 1) with the next index, or {@code null} when the input
   *     is exhausted; it holds at least one item, or else {@link #rejected()} is not empty
   * @throws IOException when the input cannot be read
   */
  MiniBatch next() throws IOException;

  /**
   * Skips mini-batches a resumed job committed before; the next one returned has index
   * {@code count} (when the input is the same, which {@link #listingDigest()} then checks).
   *
   * @param count mini-batches to skip
   * @return how many were skipped (fewer when the input ran out)
   * @throws IOException when the input cannot be read
   */
  default long skip(long count) throws IOException {
    long skipped = 0;
    while (skipped < count && next() != null) {
      skipped++;
    }
    return skipped;
  }

  /**
   * Items of the mini-batch that {@link #next} returned last which could not be read (malformed
   * CSV rows): they are failed items of that mini-batch, not passed to the scorer. A mini-batch
   * may then hold no items at all (every row of its byte range was malformed); the scheduler
   * completes it without running the scorer.
   *
   * @return the rejected items, in input order; empty for sources that reject nothing
   */
  default List<RejectedItem> rejected() {
    return List.of();
  }

  /**
   * A digest of the input listed so far (names, sizes and modification times of the files read,
   * in order), taken when {@link #next} returned the last mini-batch. A job records it with each
   * commit; a resumed job, after {@link #skip}ping the committed mini-batches, compares its own
   * with the one of the last commit, so it goes on only from rows of the same files.
   *
   * @return the digest, in hex; empty for a source that keeps none (no check is then made)
   */
  default String listingDigest() {
    return "";
  }

  /** @return items handed out so far, rejected items included */
  long itemsListed();

  @Override
  default void close() throws IOException {}
}
