package io.batchscore.core.schedule;

import io.batchscore.api.MiniBatch;
import io.batchscore.core.input.MiniBatchSource;
import io.batchscore.core.input.RejectedItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the next mini-batch from the job's source, with what the source says of it, outside the
 * scheduler's lock. The scheduler lets one thread at a time call {@link #read}.
 */
final class SourceReader {

  /**
   * What one read gave.
   *
   * @param batch the next mini-batch, or null when the input ended or failed
   * @param rejected items of it the source could not read, as failed items
   * @param listing the source's listing digest through it
   * @param itemsListed items the source has handed out so far
   * @param error why the input could not be read, or null
   */
  record Read(
      MiniBatch batch,
      List<ItemFailure> rejected,
      String listing,
      long itemsListed,
      String error) {}

  private final MiniBatchSource source;

  SourceReader(MiniBatchSource source) {
    this.source = source;
  }

  /** @return items the source has handed out before any {@link #read} */
  long itemsListed() {
    return source.itemsListed();
  }

  Read read() {
    try {
      MiniBatch b = source.next();
      if (b == null) {
        return new Read(null, List.of(), "", source.itemsListed(), null);
      }
      return new Read(b, rejected(b), source.listingDigest(), source.itemsListed(), null);
    } catch (IOException | RuntimeException e) {
      return new Read(null, List.of(), "", 0, "cannot read the input: " + e.getMessage());
    }
  }

  /** @return the items of {@code b} that the source rejected, as failed items */
  private List<ItemFailure> rejected(MiniBatch b) {
    List<RejectedItem> r = source.rejected();
    if (r.isEmpty()) {
      return List.of();
    }
    List<ItemFailure> failures = new ArrayList<>(r.size());
    for (RejectedItem item : r) {
      failures.add(new ItemFailure(b.index(), item.item(), item.reason()));
    }
    return failures;
  }
}
