package io.batchscore.core.deployment;

/** {@code output_action}: what happens to what {@code run} returns. */
public enum OutputAction {
  /** Every returned element becomes a row of {@code output_file_name}, in input order. */
  APPEND_ROW,
  /** Results are only counted; the scorer writes its own output. */
  SUMMARY_ONLY
}
