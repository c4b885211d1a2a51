package io.batchscore.core.deployment;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Locale;

/** {@code output_action}: what happens to what {@code run} returns. */
public enum OutputAction {
  /** Every returned element becomes a row of {@code output_file_name}, in input order. */
  APPEND_ROW,
  /** Results are only counted; the scorer writes its own output. */
  SUMMARY_ONLY;

  /**
   * @param text {@code append_row} or {@code summary_only}, in any case, with {@code -} or
   *     {@code _} (or nothing) between the words
   * @return the action named
   * @throws IllegalArgumentException when {@code text} names no action
   */
  public static OutputAction parse(String text) {
    checkNotNull(text, "text");
    String squeezed = text.strip().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    for (OutputAction action : values()) {
      if (action.name().replace("_", "").toLowerCase(Locale.ROOT).equals(squeezed)) {
        return action;
      }
    }
    throw new IllegalArgumentException("not an output action: '" + text + "'");
  }

  /** @return the name as the deployment file writes it: {@code append_row}, {@code summary_only} */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
