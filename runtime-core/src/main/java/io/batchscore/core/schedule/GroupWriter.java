package io.batchscore.core.schedule;

import io.batchscore.core.metrics.JobMetrics;
import java.io.IOException;
import java.util.List;

/**
 * The commit path: writes the group of completed mini-batches a thread claimed from the
 * {@link Ledger}, outside the scheduler's lock, then claims and writes whatever was completed
 * behind it meanwhile, until nothing is left. The ledger lets one thread at a time hold a claim,
 * so groups are written one after the other, in index order.
 */
final class GroupWriter {

  private final LedgerLock lock;
  private final Ledger ledger; // guarded by lock
  private final Committer committer;
  private final JobMetrics metrics;

  GroupWriter(LedgerLock lock, Ledger ledger, Committer committer, JobMetrics metrics) {
    this.lock = lock;
    this.ledger = ledger;
    this.committer = committer;
    this.metrics = metrics;
  }

  /**
   * @param group what the calling thread claimed (null when it claimed nothing); called without
   *     the lock
   */
  void write(List<CompletedBatch> group) {
    while (group != null) {
      String error = null;
      Error fatal = null;
      try {
        committer.commit(group);
        for (CompletedBatch b : group) {
          metrics.committed(b.succeeded(), b.failures().size(), b.status());
        }
      } catch (IOException e) {
        error = e.getMessage();
      } catch (RuntimeException e) { // a bug in writing: the job fails either way
        error = e.toString();
      } catch (Error e) { // recorded, so the job ends instead of waiting for this write
        error = e.toString();
        fatal = e;
      }
      lock.lock();
      try {
        if (error == null) {
          ledger.committed(group);
          group = ledger.claimCommits();
        } else {
          ledger.commitFailed(error);
          group = null;
        }
        lock.signalChanged();
      } finally {
        lock.unlock();
      }
      if (fatal != null) {
        throw fatal;
      }
    }
  }
}
