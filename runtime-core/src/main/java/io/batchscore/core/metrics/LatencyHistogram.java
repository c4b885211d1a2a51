package io.batchscore.core.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed, log-scaled histogram of durations with bounded memory whatever the number of
 * records: {@value #PER_DECADE} buckets per decade from 1 µs to 10<sup>4</sup> s, plus one bucket
 * below and one above. Percentiles read from it are within about 6 % of the true value.
 *
 * <p><b>Concurrency.</b> {@link #record} is lock-free and may race with readers; a reader sees
 * each bucket's count at some moment, so counts read while records go on may be a little apart.
 */
public final class LatencyHistogram {

  /** Buckets per decade. */
  public static final int PER_DECADE = 20;
  private static final long MIN_NANOS = 1_000L;
  private static final int DECADES = 10;
  /** Bucket 0 is below 1 µs, the last is at or above 10^4 s. */
  private static final int BUCKETS = PER_DECADE * DECADES + 2;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong totalNanos = new AtomicLong();
  private final AtomicLong maxNanos = new AtomicLong();

  /** @param nanos one duration; negative values count as 0 */
  public void record(long nanos) {
    long n = Math.max(0, nanos);
    counts.incrementAndGet(bucketOf(n));
    count.incrementAndGet();
    totalNanos.addAndGet(n);
    maxNanos.accumulateAndGet(n, Math::max);
  }

  static int bucketOf(long nanos) {
    if (nanos < MIN_NANOS) {
      return 0;
    }
    int i = 1 + (int) Math.floor(PER_DECADE * Math.log10((double) nanos / MIN_NANOS));
    return Math.min(i, BUCKETS - 1);
  }

  /**
   * @param bucket a bucket's number, from 0 to {@link #buckets()} - 1
   * @return its lower bound in nanoseconds (0 for the first)
   */
  public static double lowerNanos(int bucket) {
    return bucket == 0 ? 0 : MIN_NANOS * Math.pow(10, (bucket - 1) / (double) PER_DECADE);
  }

  /**
   * @param bucket a bucket's number
   * @return its upper bound in nanoseconds (infinite for the last)
   */
  public static double upperNanos(int bucket) {
    return bucket == BUCKETS - 1 ? Double.POSITIVE_INFINITY
        : MIN_NANOS * Math.pow(10, bucket / (double) PER_DECADE);
  }

  /** @return the number of buckets */
  public static int buckets() {
    return BUCKETS;
  }

  /**
   * @param bucket a bucket's number
   * @return durations recorded in it
   */
  public long count(int bucket) {
    return counts.get(bucket);
  }

  /** @return durations recorded */
  public long count() {
    return count.get();
  }

  /** @return the sum of the durations in nanoseconds */
  public long totalNanos() {
    return totalNanos.get();
  }

  /** @return the longest duration in nanoseconds, 0 when none */
  public long maxNanos() {
    return maxNanos.get();
  }

  /**
   * @param q a quantile in [0, 1], such as 0.99
   * @return the duration in nanoseconds below which that share of the records lies: the
   *     geometric middle of its bucket, capped at the maximum; 0 when nothing was recorded
   */
  public double percentileNanos(double q) {
    if (q < 0 || q > 1) {
      throw new IllegalArgumentException("quantile " + q + " is not in [0, 1]");
    }
    long total = 0;
    long[] c = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      c[i] = counts.get(i);
      total += c[i];
    }
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += c[i];
      if (seen >= rank) {
        double lo = lowerNanos(i);
        double hi = upperNanos(i);
        double mid = i == 0 ? MIN_NANOS / 2.0
            : Double.isInfinite(hi) ? lo : Math.sqrt(lo * hi);
        return Math.min(mid, maxNanos.get());
      }
    }
    return maxNanos.get();
  }
}
