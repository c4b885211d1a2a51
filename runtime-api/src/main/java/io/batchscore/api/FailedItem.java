package io.batchscore.api;

import java.util.Objects;

/**
 * An element a {@link Scorer} returns in place of a row to mark one item as failed without failing
 * the whole mini-batch (an unreadable image among good ones, for example). The item is counted
 * failed and listed with {@code reason} in {@code logs/job_error.txt}; no row is written.
 *
 * @param reason why the item failed, shown to the user
 */
public record FailedItem(String reason) {

  /** Checks that the reason is present. */
  public FailedItem {
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Makes a failed item.
   *
   * @param reason why the item failed
   * @return the marker to return from {@link Scorer#run}
   */
  public static FailedItem of(String reason) {
    return new FailedItem(reason);
  }
}
