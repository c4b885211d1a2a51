package io.batchscore.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.MiniBatch;
import io.batchscore.api.PreparingScorer;
import io.batchscore.api.ScorerContext;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.JobStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers with a {@link PreparingScorer} prepare their next mini-batch while one runs; with
 * failures in prepare and in run, and hangs that abandon a worker holding a prefetched
 * mini-batch, every item still ends up exactly once.
 */
class PrefetchStressTest {

  @TempDir Path tmp;

  /** Prepares the list of rows; run checks it got the input prepared for its own mini-batch. */
  static final class RowsScorer implements PreparingScorer<List<String>> {
    final Set<String> failPrepare;
    final Set<String> hangRun;
    final AtomicBoolean overlapped;
    final AtomicInteger running = new AtomicInteger();
    final Set<Long> prepareFailedOnce;

    RowsScorer(
        Set<String> failPrepare,
        Set<String> hangRun,
        AtomicBoolean overlapped,
        Set<Long> prepareFailedOnce) {
      this.failPrepare = failPrepare;
      this.hangRun = hangRun;
      this.overlapped = overlapped;
      this.prepareFailedOnce = prepareFailedOnce;
    }

    @Override
    public void init(ScorerContext context) {}

    @Override
    public List<String> prepare(MiniBatch b) {
      if (running.get() > 0) {
        overlapped.set(true);
      }
      List<String> rows = new ArrayList<>();
      for (Path f : b.files()) {
        String name = f.getFileName().toString();
        if (failPrepare.contains(name) && b.part().isEmpty() && prepareFailedOnce.add(b.index())) {
          throw new IllegalStateException("prepare failed once for " + name);
        }
        rows.add(name + ": ok@" + b.index() + b.part());
      }
      return rows;
    }

    @Override
    public List<?> run(MiniBatch b, List<String> prepared) throws Exception {
      running.incrementAndGet();
      try {
        for (String row : prepared) {
          if (!row.endsWith("@" + b.index() + b.part())) {
            throw new AssertionError("run of " + b + " got input prepared for " + row);
          }
          if (hangRun.contains(row.substring(0, row.indexOf(':')))) {
            Thread.sleep(60_000);
          }
        }
        Thread.sleep(1);
        return prepared.stream().map(r -> r.substring(0, r.indexOf('@'))).toList();
      } finally {
        running.decrementAndGet();
      }
    }
  }

  @RepeatedTest(3)
  void everyItemOnceWithFailingPreparesAndHangingRuns() throws Exception {
    List<String> names = TestJobs.inputFiles(tmp.resolve("in"), 2000);
    Set<String> hang = Set.of("item-00555.txt", "item-01234.txt");
    Set<Long> failedOnce = ConcurrentHashMap.newKeySet();
    AtomicBoolean overlapped = new AtomicBoolean();
    var d = TestJobs.deployment(tmp, 4, 10, 2, Duration.ofMillis(500), -1, true, Map.of());
    JobResult r =
        TestJobs.run(
            d,
            tmp.resolve("in"),
            tmp.resolve("out"),
            () ->
                new RowsScorer(
                    Set.of("item-00042.txt", "item-00777.txt"), hang, overlapped, failedOnce));

    List<String> expected =
        names.stream().filter(n -> !hang.contains(n)).map(n -> n + ": ok").toList();
    assertThat(TestJobs.lines(tmp.resolve("out/predictions.csv")))
        .containsExactlyElementsOf(expected);
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(r.itemsFailed()).isEqualTo(2);
    assertThat(failedOnce).containsExactlyInAnyOrder(4L, 77L);
    assertThat(overlapped).as("prepare ran while a run was in progress").isTrue();
  }

  @Test
  void withPrefetchOffPrepareAndRunHappenOnTheWorkerThreadInTurn() throws Exception {
    List<String> names = TestJobs.inputFiles(tmp.resolve("in"), 300);
    AtomicBoolean overlapped = new AtomicBoolean();
    var base = TestJobs.deployment(tmp, 1, 10, 2, Duration.ofSeconds(5), -1, true, Map.of());
    var d = base.toBuilder().prefetch(false).build();
    JobResult r =
        TestJobs.run(
            d,
            tmp.resolve("in"),
            tmp.resolve("out"),
            () -> new RowsScorer(Set.of(), Set.of(), overlapped, ConcurrentHashMap.newKeySet()));
    assertThat(r.itemsSucceeded()).isEqualTo(300);
    assertThat(TestJobs.lines(tmp.resolve("out/predictions.csv")))
        .containsExactlyElementsOf(names.stream().map(n -> n + ": ok").toList());
    assertThat(overlapped).isFalse();
  }
}
