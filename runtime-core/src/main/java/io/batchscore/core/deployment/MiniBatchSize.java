package io.batchscore.core.deployment;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * {@code mini_batch_size}: a count of items ({@code 10}) or, for tabular input, a size in bytes
 * ({@code 1MB}, {@code 512KB}, {@code 10 mb}; units are powers of 1024).
 *
 * @param items items per mini-batch, or 0 when given as a size
 * @param bytes bytes per mini-batch, or 0 when given as a count
 */
public record MiniBatchSize(int items, long bytes) {

  /**
   * @param items items per mini-batch, at least 1
   * @return a size given as a count of items
   */
  public static MiniBatchSize ofItems(int items) {
    checkArgument(items > 0, "items must be positive: %s", items);
    return new MiniBatchSize(items, 0);
  }

  /**
   * @param bytes bytes per mini-batch, at least 1
   * @return a size given in bytes
   */
  public static MiniBatchSize ofBytes(long bytes) {
    checkArgument(bytes > 0, "bytes must be positive: %s", bytes);
    return new MiniBatchSize(0, bytes);
  }

  /** @return true when the size was given in bytes */
  public boolean isBytes() {
    return bytes > 0;
  }

  @Override
  public String toString() {
    return isBytes() ? bytes + " bytes" : items + " items";
  }
}
