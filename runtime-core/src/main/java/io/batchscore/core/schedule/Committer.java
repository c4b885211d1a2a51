package io.batchscore.core.schedule;

import java.io.IOException;
import java.util.List;

/**
 * Writes completed mini-batches, in index order, one group at a time, outside the scheduler's
 * lock ({@link JobOutputs} in a job).
 */
interface Committer {
  /**
   * @param group the next mini-batches in index order, at least one
   * @throws IOException when the output cannot be written; the job fails
   */
  void commit(List<CompletedBatch> group) throws IOException;
}
