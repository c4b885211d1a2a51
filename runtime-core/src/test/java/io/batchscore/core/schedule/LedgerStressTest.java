package io.batchscore.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.MiniBatch;
import io.batchscore.core.metrics.JobMetrics;
import io.batchscore.core.resume.Checkpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scheduler's ledger under stress, with no job around it: many threads take mini-batches,
 * succeed, throw, time out (reported late, from another thread, as the watchdog does), give
 * prefetched tasks back, and sometimes the job is canceled or crosses its error threshold, with
 * random delays in the source, the runs and the commits. After each run: the committed
 * mini-batches are 0..k-1, each once, in order; each holds exactly the rows and failed items its
 * input calls for; the counts agree; the source and the committer were never entered by two
 * threads at once. About 8 seconds in all.
 */
class LedgerStressTest {

  private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(8);

  /** The items a run never returns for ({@code hang}) or throws on ({@code bad}). */
  private static boolean hangs(String item) {
    return item.hashCode() % 53 == 0;
  }

  private static boolean bad(String item) {
    return item.hashCode() % 41 == 0;
  }

  private static boolean rejects(String item) {
    return item.hashCode() % 37 == 0;
  }

  /** A mini-batch as committed: its index, rows, and failed items with their reasons. */
  private record Committed(long index, List<String> rows, List<String> failures) {}

  @Test
  @Timeout(60)
  void everyItemIsCommittedExactlyOnceInOrderUnderRandomInterleavings() throws Exception {
    long end = System.nanoTime() + BUDGET_NANOS;
    int rounds = 0;
    int stopped = 0;
    int maxGroup = 0;
    while (rounds < 20 || System.nanoTime() < end && rounds < 400) {
      int[] r = oneRound(rounds);
      stopped += r[0];
      maxGroup = Math.max(maxGroup, r[1]);
      rounds++;
    }
    assertThat(rounds).isGreaterThanOrEqualTo(20);
    assertThat(stopped).as("rounds that stopped early").isPositive().isLessThan(rounds);
    assertThat(maxGroup).as("largest group written at once").isGreaterThan(1);
  }

  /** @return {1 if the job stopped early else 0, the largest group committed} */
  private int[] oneRound(int round) throws Exception {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    int[] sizes = new int[rnd.nextInt(20, 250)];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = rnd.nextInt(1, 7);
    }
    int workers = rnd.nextInt(2, 13);
    int window = rnd.nextInt(1, 3 * workers + 2);
    int maxRetries = rnd.nextInt(1, 4);
    int mode = round % 4; // 0, 1: run to the end; 2: error threshold; 3: canceled
    long threshold = mode == 2 ? rnd.nextInt(0, 20) : -1;
    ListSource source = new ListSource(sizes, LedgerStressTest::rejects, 20);

    List<Committed> committed = new ArrayList<>(); // written by the committer only
    AtomicInteger committing = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger maxGroup = new AtomicInteger();
    Committer committer =
        group -> {
          if (committing.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
          }
          maxGroup.accumulateAndGet(group.size(), Math::max);
          ListSource.Delays.upTo(30);
          for (CompletedBatch b : group) {
            committed.add(
                new Committed(
                    b.index(),
                    b.rows(),
                    b.failures().stream().map(f -> f.item() + " " + f.reason()).toList()));
          }
          committing.decrementAndGet();
        };
    Scheduler s =
        new Scheduler(
            source,
            Checkpoint.START,
            null,
            window,
            maxRetries,
            true,
            threshold,
            true,
            committer,
            new JobMetrics(new SimpleMeterRegistry()),
            workers);

    ExecutorService watchdog = Executors.newSingleThreadExecutor();
    AtomicReference<Throwable> broken = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  work(s, watchdog);
                } catch (Throwable e) {
                  broken.compareAndSet(null, e);
                }
              },
              "stress-worker-" + w);
      threads.add(t);
      t.start();
    }
    if (mode == 3) {
      TimeUnit.MICROSECONDS.sleep(rnd.nextInt(1, 2_000));
      s.stop(JobStatus.Canceled, "canceled by the test");
    }
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(20));
      assertThat(t.isAlive()).as("worker %s ended", t.getName()).isFalse();
    }
    assertThat(s.awaitFinished(TimeUnit.SECONDS.toNanos(20))).isTrue();
    watchdog.shutdown();
    assertThat(watchdog.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
    assertThat(broken.get()).isNull();

    LedgerSnapshot snap = s.snapshot();
    assertThat(overlaps.get()).as("commits overlapping").isZero();
    assertThat(source.maxConcurrentReads()).as("threads reading the source at once").isEqualTo(1);
    long succeeded = 0;
    long failed = 0;
    for (int i = 0; i < committed.size(); i++) {
      Committed c = committed.get(i);
      assertThat(c.index()).as("the %dth mini-batch committed", i).isEqualTo(i);
      assertThat(c.rows()).isEqualTo(expectedRows(i, sizes[i]));
      assertThat(c.failures()).isEqualTo(expectedFailures(i, sizes[i]));
      succeeded += c.rows().size();
      failed += c.failures().size();
    }
    assertThat(snap.batchesCommitted()).isEqualTo(committed.size());
    assertThat(snap.itemsSucceeded()).isEqualTo(succeeded);
    assertThat(snap.itemsFailed()).isEqualTo(failed);
    assertThat(snap.inFlight()).isZero();
    if (snap.stopStatus() == null) {
      assertThat(committed).hasSize(sizes.length);
      assertThat(snap.itemsUncommitted()).isZero();
      assertThat(snap.itemsListed()).isEqualTo(source.allItems().size());
    } else if (mode == 2) {
      assertThat(snap.stopReason()).startsWith("error_threshold " + threshold + " exceeded");
    }
    if (mode < 2) {
      assertThat(snap.stopStatus()).isNull();
    }
    return new int[] {snap.stopStatus() == null ? 0 : 1, maxGroup.get()};
  }

  /** One worker: takes until the scheduler has nothing more, and reports each run somehow. */
  private static void work(Scheduler s, ExecutorService watchdog) throws InterruptedException {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    while (true) {
      Task t = rnd.nextInt(5) == 0 ? s.poll() : null;
      if (t == null) {
        t = s.take();
      }
      if (t == null) {
        return;
      }
      if (rnd.nextInt(40) == 0) { // prefetched by a worker that was then abandoned
        s.giveBack(t);
        continue;
      }
      ListSource.Delays.upTo(50);
      MiniBatch b = t.batch();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < b.size(); i++) {
        names.add(b.itemName(i));
      }
      // a flaky first attempt: only where a retry or a split can still save every item
      boolean firstWhole = b.part().isEmpty() && b.attempt() == 1 && b.size() > 1;
      Task task = t;
      if (names.stream().anyMatch(LedgerStressTest::hangs) || firstWhole && b.index() % 7 == 3) {
        // the run outlives its timeout: the watchdog reports it, later, on its own thread, and
        // this thread goes on as the replacement worker
        watchdog.execute(
            () -> {
              ListSource.Delays.upTo(100);
              s.failed(task, "timed out", null, 0);
            });
      } else if (names.stream().anyMatch(LedgerStressTest::bad)
          || firstWhole && b.index() % 5 == 0) {
        s.failed(t, "threw", null, 0);
      } else {
        s.succeeded(
            t, PartResult.of(b, names.stream().map(n -> n + ": ok").toList(), true), null, 0);
      }
    }
  }

  private static List<String> expectedRows(long index, int size) {
    List<String> rows = new ArrayList<>();
    for (int k = 0; k < size; k++) {
      String n = ListSource.item(index, k);
      if (!rejects(n) && !bad(n) && !hangs(n)) {
        rows.add(n + ": ok");
      }
    }
    return rows;
  }

  /**
   * Items the source rejected come first, then those the runs failed, in item order; a part of
   * one item that fails gives its item the run's reason.
   */
  private static List<String> expectedFailures(long index, int size) {
    List<String> failures = new ArrayList<>();
    for (int k = 0; k < size; k++) {
      String n = ListSource.item(index, k);
      if (rejects(n)) {
        failures.add(n + " unreadable " + n);
      }
    }
    for (int k = 0; k < size; k++) {
      String n = ListSource.item(index, k);
      if (!rejects(n) && (hangs(n) || bad(n))) {
        failures.add(n + " " + (hangs(n) ? "timed out" : "threw"));
      }
    }
    return failures;
  }
}
