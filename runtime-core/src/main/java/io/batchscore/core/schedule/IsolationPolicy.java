package io.batchscore.core.schedule;

import io.batchscore.api.MiniBatch;
import java.util.List;

/**
 * {@code isolate_failed_items}: a mini-batch (or part) that failed all its attempts is split in
 * two halves, each run once; a failing half is split again, down to single items, so only the
 * items that fail on their own are counted failed. The first half has the smaller size when the
 * count is odd.
 *
 * @param isolate whether failing mini-batches are split
 */
record IsolationPolicy(boolean isolate) {

  /** @return true when {@code failed}, given up by the retry policy, is split */
  boolean splits(MiniBatch failed) {
    return isolate && failed.size() > 1;
  }

  /**
   * @param failed a task whose mini-batch (or part) is split
   * @return its two halves, in item order, named {@code 1} and {@code 2} below its own part name
   */
  List<Task> split(Task failed) {
    MiniBatch b = failed.batch();
    int mid = b.size() / 2;
    String prefix = b.part().isEmpty() ? "" : b.part() + "/";
    return List.of(
        new Task(MiniBatches.slice(b, 0, mid, prefix + "1"), failed.offset()),
        new Task(MiniBatches.slice(b, mid, b.size(), prefix + "2"), failed.offset() + mid));
  }
}
