package io.batchscore.core.schedule;

import java.util.List;

/**
 * A mini-batch whose every item has an outcome, ready to be committed in index order.
 *
 * @param index the mini-batch's index
 * @param items how many items it held
 * @param succeeded items that gave a row
 * @param rows the rows, in item order
 * @param failures the items that failed, in item order
 * @param attempts runs made for it, parts included
 * @param worker the worker of the last run
 * @param device the device of the last run
 * @param millis time spent in {@code run} for it, all attempts together
 * @param listing the source's listing digest through this mini-batch ({@link
 *     io.batchscore.core.input.MiniBatchSource#listingDigest()})
 */
public record CompletedBatch(
    long index,
    int items,
    int succeeded,
    List<String> rows,
    List<ItemFailure> failures,
    int attempts,
    String worker,
    String device,
    long millis,
    String listing) {

  /** @return {@code succeeded}, {@code failed} or {@code partially_failed} */
  public String status() {
    if (failures.isEmpty()) {
      return "succeeded";
    }
    return succeeded == 0 ? "failed" : "partially_failed";
  }
}
