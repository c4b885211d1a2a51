package io.batchscore.core.input;

import io.batchscore.api.MiniBatch;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A source that can cut a few mini-batches ahead, before the job runs, to learn whether the
 * input has fewer mini-batches than the job has workers; it then hands them out as the source
 * would have, each with its own listing digest and rejected items.
 */
public final class LookaheadSource implements MiniBatchSource {

  /** A mini-batch cut ahead, with what the source said of it then. */
  private record Ahead(MiniBatch batch, List<RejectedItem> rejected, String digest) {}

  private final MiniBatchSource source;
  private final Deque<Ahead> ahead = new ArrayDeque<>();
  private boolean exhausted;
  private List<RejectedItem> lastRejected = List.of();
  private String lastDigest = "";

  /** @param source the source to read ahead of */
  public LookaheadSource(MiniBatchSource source) {
    this.source = source;
  }

  /**
   * Cuts mini-batches ahead until {@code count} are waiting or the input ends.
   *
   * @param count how many to look for
   * @return how many the input has, up to {@code count}
   * @throws IOException when the input cannot be read
   */
  public int peek(int count) throws IOException {
    while (ahead.size() < count && !exhausted) {
      MiniBatch b = source.next();
      if (b == null) {
        exhausted = true;
      } else {
        ahead.add(new Ahead(b, source.rejected(), source.listingDigest()));
      }
    }
    return ahead.size();
  }

  @Override
  public MiniBatch next() throws IOException {
    Ahead a = ahead.poll();
    if (a != null) {
      lastRejected = a.rejected();
      lastDigest = a.digest();
      return a.batch();
    }
    if (exhausted) {
      lastRejected = List.of();
      return null;
    }
    MiniBatch b = source.next();
    lastRejected = source.rejected();
    lastDigest = source.listingDigest();
    return b;
  }

  @Override
  public List<RejectedItem> rejected() {
    return lastRejected;
  }

  @Override
  public String listingDigest() {
    return lastDigest;
  }

  @Override
  public long itemsListed() {
    long waiting = 0;
    for (Ahead a : ahead) {
      waiting += a.batch().size() + a.rejected().size();
    }
    return source.itemsListed() - waiting;
  }

  /** @return the source read ahead of */
  public MiniBatchSource source() {
    return source;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
