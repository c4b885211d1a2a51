package io.batchscore.core.input;

import java.util.Objects;

/**
 * An input item that a {@link MiniBatchSource} listed but could not make into something a scorer
 * can take: a CSV row with the wrong number of fields, or an unterminated quoted field. It belongs
 * to the mini-batch it was listed in, counts as one failed item of it (against
 * {@code error_threshold}) and is named in {@code job_error.txt}; it never reaches the scorer.
 *
 * @param item how logs name it, a row's {@code file:line}
 * @param reason why it could not be read, in one line
 */
public record RejectedItem(String item, String reason) {

  /** Checks that both parts are present. */
  public RejectedItem {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(reason, "reason");
  }
}
