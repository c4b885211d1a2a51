package io.batchscore.core.logs;

/**
 * The job's progress at one moment.
 *
 * @param batchesCreated mini-batches created so far
 * @param batchesProcessed mini-batches committed
 * @param itemsSucceeded items that gave a row
 * @param itemsFailed items that failed
 * @param itemsListed items listed from the input so far
 * @param inputListed whether the whole input has been listed (then {@code itemsListed} is the
 *     total)
 * @param elapsedNanos time since the job started
 */
public record Progress(
    long batchesCreated,
    long batchesProcessed,
    long itemsSucceeded,
    long itemsFailed,
    long itemsListed,
    boolean inputListed,
    long elapsedNanos) {

  /** @return items with an outcome */
  public long itemsDone() {
    return itemsSucceeded + itemsFailed;
  }

  /** @return items per second so far */
  public double itemsPerSecond() {
    return elapsedNanos <= 0 ? 0 : itemsDone() * 1e9 / elapsedNanos;
  }

  /** @return one human line */
  public String line() {
    String total = inputListed ? " of " + itemsListed : "";
    return String.format(
        java.util.Locale.ROOT,
        "mini-batches created %d, processed %d; items done %d%s (succeeded %d, failed %d);"
            + " %.1f items/s",
        batchesCreated,
        batchesProcessed,
        itemsDone(),
        total,
        itemsSucceeded,
        itemsFailed,
        itemsPerSecond());
  }
}
