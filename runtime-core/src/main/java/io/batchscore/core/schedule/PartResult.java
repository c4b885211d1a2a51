package io.batchscore.core.schedule;

import io.batchscore.api.FailedItem;
import io.batchscore.api.MiniBatch;
import io.batchscore.core.output.RowFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What one successful {@code run} of a mini-batch (or of a part of it) gave: the rows to write and
 * the items that failed inside it ({@link FailedItem} or {@code null} elements, or a short list).
 * Public for {@link RemoteCompute}s, whose workers read their results with the same rules.
 *
 * @param rows formatted rows, in item order; empty for {@code summary_only}
 * @param succeeded how many items succeeded
 * @param failures the items that failed
 */
public record PartResult(List<String> rows, int succeeded, List<ItemFailure> failures) {

  /**
   * Reads a result list the way the managed driver does, and then some.
   *
   * @param batch the mini-batch (or part) that was run
   * @param results what {@code run} returned
   * @param keepRows false for {@code summary_only}: only count
   * @return the rows, counts and failed items
   */
  public static PartResult of(MiniBatch batch, List<?> results, boolean keepRows) {
    int n = batch.size();
    List<String> rows = keepRows ? new ArrayList<>(Math.min(results.size(), n)) : List.of();
    List<ItemFailure> failures = new ArrayList<>(0);
    int succeeded = 0;
    for (int i = 0; i < results.size(); i++) {
      Object e = results.get(i);
      if (e instanceof FailedItem f) {
        if (i < n) {
          failures.add(new ItemFailure(batch.index(), batch.itemName(i), f.reason()));
        }
        continue;
      }
      if (e == null) {
        if (i < n) {
          failures.add(
              new ItemFailure(batch.index(), batch.itemName(i), "run returned null for this item"));
        }
        continue;
      }
      if (keepRows) {
        rows.add(RowFormatter.format(e));
      }
      if (i < n) {
        succeeded++;
      }
    }
    for (int i = results.size(); i < n; i++) {
      failures.add(
          new ItemFailure(
              batch.index(),
              batch.itemName(i),
              "run returned "
                  + results.size()
                  + " results for "
                  + n
                  + " items; this item is counted"
                  + " failed (the runtime cannot tell which item was left out)"));
    }
    return new PartResult(rows, succeeded, failures);
  }

  /**
   * @param batch a mini-batch (or part) whose last attempt failed
   * @param reason the last attempt's error
   * @return every item failed with that reason
   */
  public static PartResult allFailed(MiniBatch batch, String reason) {
    List<ItemFailure> failures = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      failures.add(new ItemFailure(batch.index(), batch.itemName(i), reason));
    }
    return new PartResult(List.of(), 0, failures);
  }
}
