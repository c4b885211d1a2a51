package io.batchscore.core.deployment;

/**
 * {@code mini_batch_size}: a count of items ({@code 10}) or, for tabular input, a size in bytes
 * ({@code 1MB}, {@code 512KB}, {@code 10 mb}; units are powers of 1024).
 *
 * @param items items per mini-batch, or 0 when given as a size
 * @param bytes bytes per mini-batch, or 0 when given as a count
 */
public record MiniBatchSize(int items, long bytes) {

  /** @return true when the size was given in bytes */
  public boolean isBytes() {
    return bytes > 0;
  }

  @Override
  public String toString() {
    return isBytes() ? bytes + " bytes" : items + " items";
  }
}
