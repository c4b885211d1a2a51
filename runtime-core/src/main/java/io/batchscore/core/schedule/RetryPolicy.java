package io.batchscore.core.schedule;

import io.batchscore.api.MiniBatch;

/**
 * {@code retry_settings.max_retries}: how many runs a whole mini-batch gets before it is given up
 * (or split, see {@link IsolationPolicy}). Parts made to isolate failing items run once each.
 *
 * @param maxRetries attempts of a whole mini-batch, at least 1
 */
record RetryPolicy(int maxRetries) {

  RetryPolicy {
    if (maxRetries < 1) {
      throw new IllegalArgumentException("max_retries must be >= 1, got " + maxRetries);
    }
  }

  /** @return true when {@code failed}, whose run just failed, gets another attempt */
  boolean retries(MiniBatch failed) {
    return failed.part().isEmpty() && failed.attempt() < maxRetries;
  }

  /** @return the next attempt of {@code failed} */
  MiniBatch nextAttempt(MiniBatch failed) {
    return MiniBatches.withAttempt(failed, failed.attempt() + 1);
  }
}
