package io.batchscore.core.input;

import io.batchscore.api.MiniBatch;
import java.io.Closeable;
import java.io.IOException;

/**
 * Cuts the job's input into mini-batches lazily, as the workers ask for them, so memory does not
 * grow with the size of the input. Not thread-safe: the scheduler calls it under its lock.
 */
public interface MiniBatchSource extends Closeable {

  /**
   * @return the next mini-batch (attempt 1) with the next index, or {@code null} when the input
   *     is exhausted
   * @throws IOException when the input cannot be read
   */
  MiniBatch next() throws IOException;

  /**
   * Skips mini-batches a resumed job committed before; the next one returned has index
   * {@code count} (when the input is the same, which the job's fingerprint checks).
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

  /** @return items handed out so far */
  long itemsListed();

  @Override
  default void close() throws IOException {}
}
