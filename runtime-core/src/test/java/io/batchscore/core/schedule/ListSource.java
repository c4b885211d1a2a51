package io.batchscore.core.schedule;

import io.batchscore.api.MiniBatch;
import io.batchscore.core.input.MiniBatchSource;
import io.batchscore.core.input.RejectedItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory source for tests of the scheduler: mini-batch {@code i} holds the items named
 * {@code b<i>-<k>}; items {@link #rejected} names are handed out as unreadable (failed from the
 * start), as a CSV source does with malformed rows. Optionally waits a random few microseconds
 * per mini-batch, and counts threads inside {@link #next} at once.
 */
final class ListSource implements MiniBatchSource {

  private final int[] sizes;
  private final java.util.function.Predicate<String> rejects;
  private final int maxDelayMicros;
  private final AtomicInteger inside = new AtomicInteger();
  private volatile int maxInside;
  private int next;
  private long listed;
  private List<RejectedItem> lastRejected = List.of();

  /**
   * @param sizes items per mini-batch, rejected ones included
   * @param rejects which item names the source cannot read
   * @param maxDelayMicros random delay per {@link #next}, 0 for none
   */
  ListSource(int[] sizes, java.util.function.Predicate<String> rejects, int maxDelayMicros) {
    this.sizes = sizes.clone();
    this.rejects = rejects;
    this.maxDelayMicros = maxDelayMicros;
  }

  static String item(long index, int k) {
    return "b" + index + "-" + k;
  }

  /** @return every item in input order */
  List<String> allItems() {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      for (int k = 0; k < sizes[i]; k++) {
        all.add(item(i, k));
      }
    }
    return all;
  }

  @Override
  public MiniBatch next() {
    int now = inside.incrementAndGet();
    maxInside = Math.max(maxInside, now);
    try {
      Delays.upTo(maxDelayMicros);
      if (next == sizes.length) {
        return null;
      }
      int index = next++;
      List<Path> files = new ArrayList<>();
      List<RejectedItem> rejected = new ArrayList<>();
      for (int k = 0; k < sizes[index]; k++) {
        String name = item(index, k);
        if (rejects.test(name)) {
          rejected.add(new RejectedItem(name, "unreadable " + name));
        } else {
          files.add(Path.of(name));
        }
      }
      listed += sizes[index];
      lastRejected = rejected;
      return MiniBatch.ofFiles(index, 1, files);
    } finally {
      inside.decrementAndGet();
    }
  }

  @Override
  public List<RejectedItem> rejected() {
    return lastRejected;
  }

  @Override
  public long itemsListed() {
    return listed;
  }

  /** @return the most threads that were inside {@link #next} at once */
  int maxConcurrentReads() {
    return maxInside;
  }

  /** Random short pauses, to shake thread interleavings. */
  static final class Delays {
    private Delays() {}

    static void upTo(int micros) {
      if (micros <= 0) {
        return;
      }
      ThreadLocalRandom r = ThreadLocalRandom.current();
      int pick = r.nextInt(4);
      if (pick == 0) {
        Thread.yield();
      } else if (pick == 1) {
        long until = System.nanoTime() + r.nextInt(micros) * 1000L;
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
      }
    }
  }
}
