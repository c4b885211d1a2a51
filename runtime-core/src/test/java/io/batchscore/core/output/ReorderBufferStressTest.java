package io.batchscore.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ReorderBufferStressTest {

  @RepeatedTest(5)
  void valuesOfferedFromManyThreadsInAnyOrderComeOutOnceInOrder() throws Exception {
    int n = 20_000;
    List<Long> indices = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      indices.add(i);
    }
    Collections.shuffle(indices);
    ReorderBuffer<Long> buffer = new ReorderBuffer<>(0);
    List<Long> out = new ArrayList<>(); // only touched by the consumer, under the buffer's lock
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    for (int t = 0; t < 8; t++) {
      int start = t;
      pool.execute(
          () -> {
            try {
              go.await();
            } catch (InterruptedException e) {
              return;
            }
            for (int i = start; i < n; i += 8) {
              long idx = indices.get(i);
              buffer.offer(
                  idx,
                  idx,
                  v -> {
                    maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    out.add(v);
                    concurrent.decrementAndGet();
                  });
            }
          });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(out).hasSize(n).isSorted().doesNotHaveDuplicates();
    assertThat(maxConcurrent.get()).isEqualTo(1);
    assertThat(buffer.committed()).isEqualTo(n);
    assertThat(buffer.waiting()).isZero();
  }

  @Test
  void anIndexOfferedTwiceIsRejected() {
    ReorderBuffer<String> buffer = new ReorderBuffer<>(5);
    buffer.offer(6, "b", v -> {});
    assertThatThrownBy(() -> buffer.offer(6, "b", v -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("6");
    List<String> out = new ArrayList<>();
    assertThat(buffer.offer(5, "a", out::add)).isEqualTo(2);
    assertThat(out).containsExactly("a", "b");
    assertThatThrownBy(() -> buffer.offer(5, "a", v -> {}))
        .isInstanceOf(IllegalStateException.class);
  }
}
