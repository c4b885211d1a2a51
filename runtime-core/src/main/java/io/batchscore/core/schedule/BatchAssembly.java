package io.batchscore.core.schedule;

import io.batchscore.api.MiniBatch;
import io.batchscore.core.device.WorkerSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Collects the outcomes of one mini-batch while it is open: its whole run, or the parts it was
 * split into to isolate failing items. Guarded by the scheduler's lock.
 */
final class BatchAssembly {

  /** Who made a task's runs and how long they took, recorded on its mini-batch. */
  @FunctionalInterface
  interface Run {
    void recordOn(BatchAssembly a);
  }

  private final MiniBatch batch;
  private final List<ItemFailure> rejected;
  private final String listing;
  private final TreeMap<Integer, PartResult> partsByOffset = new TreeMap<>();
  private int pendingParts = 1;
  private int attempts;
  private long nanos;
  private String lastWorker = "";
  private String lastDevice = "";

  /**
   * @param batch the mini-batch the workers run
   * @param rejected items of the mini-batch that the source could not read: failed from the
   *     start, never run
   * @param listing the source's listing digest through this mini-batch
   */
  BatchAssembly(MiniBatch batch, List<ItemFailure> rejected, String listing) {
    this.batch = batch;
    this.rejected = rejected;
    this.listing = listing;
  }

  MiniBatch batch() {
    return batch;
  }

  /** Records a finished run (successful or not) of this mini-batch or one of its parts. */
  void attempted(WorkerSlot worker, long runNanos) {
    if (worker == null) { // a run that was lost before any worker reported on it
      attempted(lastWorker, lastDevice, 1, runNanos);
      return;
    }
    attempted(worker.name(), worker.device().toString(), 1, runNanos);
  }

  /** Records runs made elsewhere (another JVM's worker, which retried on its own). */
  void attempted(String worker, String device, int runs, long runNanos) {
    attempts += runs;
    nanos += runNanos;
    lastWorker = worker;
    lastDevice = device;
  }

  /** One task became two. */
  void split() {
    pendingParts++;
  }

  /** @return true when this was the last pending part */
  boolean partDone(int offset, PartResult result) {
    partsByOffset.put(offset, result);
    return --pendingParts == 0;
  }

  CompletedBatch complete() {
    if (partsByOffset.size() == 1 && rejected.isEmpty()) { // a whole run: nothing to join
      PartResult p = partsByOffset.firstEntry().getValue();
      return new CompletedBatch(
          batch.index(),
          batch.size(),
          p.succeeded(),
          p.rows(),
          p.failures(),
          attempts,
          lastWorker,
          lastDevice,
          nanos / 1_000_000,
          listing);
    }
    List<String> rows = new ArrayList<>();
    List<ItemFailure> failures = new ArrayList<>(rejected);
    int succeeded = 0;
    for (PartResult p : partsByOffset.values()) {
      rows.addAll(p.rows());
      failures.addAll(p.failures());
      succeeded += p.succeeded();
    }
    return new CompletedBatch(
        batch.index(),
        batch.size() + rejected.size(),
        succeeded,
        rows,
        failures,
        attempts,
        lastWorker,
        lastDevice,
        nanos / 1_000_000,
        listing);
  }
}
