package io.batchscore.core.schedule;

/**
 * {@code error_threshold}: how many failed items a job tolerates; one more fails it. Items the
 * source could not read count too.
 *
 * @param threshold the most failed items allowed, or a negative number for no limit
 */
record ErrorThreshold(long threshold) {

  /** @return true when {@code failedItems} exceeds the threshold */
  boolean exceededBy(long failedItems) {
    return threshold >= 0 && failedItems > threshold;
  }

  /** @return why the job fails with {@code failedItems} failed */
  String reason(long failedItems) {
    return "error_threshold " + threshold + " exceeded: " + failedItems + " items failed";
  }
}
