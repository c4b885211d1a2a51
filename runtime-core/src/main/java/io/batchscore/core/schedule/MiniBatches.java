package io.batchscore.core.schedule;

import io.batchscore.api.MiniBatch;

/**
 * The runtime's operations on a {@link MiniBatch} that scorers have no use for: another attempt
 * of the same items, and the parts a failing mini-batch is split into.
 */
public final class MiniBatches {

  private MiniBatches() {}

  /**
   * @param b a mini-batch or part
   * @param attempt the new attempt number, from 1
   * @return the same items, index and part as another attempt
   */
  public static MiniBatch withAttempt(MiniBatch b, int attempt) {
    return b.isTabular()
        ? MiniBatch.ofRows(b.index(), b.part(), attempt, b.rows())
        : MiniBatch.ofFiles(b.index(), b.part(), attempt, b.files());
  }

  /**
   * Splits off a part of a mini-batch (used to isolate failing items).
   *
   * @param b a mini-batch or part
   * @param from first item, inclusive
   * @param to last item, exclusive
   * @param partName the part's name, see {@link MiniBatch#part()}
   * @return the part, at attempt 1
   */
  public static MiniBatch slice(MiniBatch b, int from, int to, String partName) {
    return b.isTabular()
        ? MiniBatch.ofRows(b.index(), partName, 1, b.rows().subList(from, to))
        : MiniBatch.ofFiles(b.index(), partName, 1, b.files().subList(from, to));
  }
}
