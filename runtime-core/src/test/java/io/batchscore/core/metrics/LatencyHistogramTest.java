package io.batchscore.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void percentilesAreWithinTheBucketWidth() {
    LatencyHistogram h = new LatencyHistogram();
    for (int ms = 1; ms <= 1000; ms++) { // uniform 1..1000 ms
      h.record(ms * 1_000_000L);
    }
    assertThat(h.count()).isEqualTo(1000);
    assertThat(h.maxNanos()).isEqualTo(1_000_000_000L);
    assertThat(h.percentileNanos(0.5)).isCloseTo(500e6, withPercentage(7));
    assertThat(h.percentileNanos(0.9)).isCloseTo(900e6, withPercentage(7));
    assertThat(h.percentileNanos(0.99)).isCloseTo(990e6, withPercentage(7));
    assertThat(h.percentileNanos(1.0)).isLessThanOrEqualTo(1e9);
  }

  @Test
  void bucketsCoverEveryDurationContiguously() {
    for (int b = 1; b < LatencyHistogram.buckets(); b++) {
      assertThat(LatencyHistogram.lowerNanos(b)).isEqualTo(LatencyHistogram.upperNanos(b - 1));
    }
    assertThat(LatencyHistogram.bucketOf(0)).isZero();
    assertThat(LatencyHistogram.bucketOf(999)).isZero();
    assertThat(LatencyHistogram.bucketOf(1000)).isEqualTo(1);
    assertThat(LatencyHistogram.bucketOf(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.buckets() - 1);
    long v = 123_456_789L;
    int b = LatencyHistogram.bucketOf(v);
    assertThat(v).isBetween((long) Math.ceil(LatencyHistogram.lowerNanos(b)),
        (long) LatencyHistogram.upperNanos(b));
  }

  @Test
  void emptyAndBadQuantiles() {
    LatencyHistogram h = new LatencyHistogram();
    assertThat(h.percentileNanos(0.99)).isZero();
    assertThatThrownBy(() -> h.percentileNanos(1.5)).hasMessageContaining("1.5");
  }

  @Test
  void concurrentRecordsAreAllCounted() throws Exception {
    LatencyHistogram h = new LatencyHistogram();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    for (int t = 0; t < 4; t++) {
      pool.execute(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < 50_000; i++) {
          h.record(1_000L + i);
        }
      });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    long sum = 0;
    for (int b = 0; b < LatencyHistogram.buckets(); b++) {
      sum += h.count(b);
    }
    assertThat(sum).isEqualTo(200_000).isEqualTo(h.count());
    assertThat(h.maxNanos()).isEqualTo(50_999);
  }
}
