package io.batchscore.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.MiniBatch;
import io.batchscore.core.input.MiniBatchSource;
import io.batchscore.core.metrics.JobMetrics;
import io.batchscore.core.resume.Checkpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slow I/O does not hold the scheduler's lock: while one thread writes a commit or reads the
 * source, the others still take work and report outcomes, and what completes meanwhile is
 * written in one group.
 */
@Timeout(60)
class SchedulerOffLockTest {

  private static final long SECONDS = 10;

  private static Scheduler scheduler(MiniBatchSource source, Committer committer) {
    return new Scheduler(
        source,
        Checkpoint.START,
        null,
        16,
        1,
        false,
        -1,
        true,
        committer,
        new JobMetrics(new SimpleMeterRegistry()),
        2);
  }

  private static PartResult ok(Task t) {
    return PartResult.of(t.batch(), List.of(t.batch().itemName(0) + ": ok"), true);
  }

  @Test
  void workersTakeAndReportWhileACommitIsBeingWritten() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Object> commits = new CopyOnWriteArrayList<>();
    Scheduler s =
        scheduler(
            new ListSource(new int[] {1, 1, 1}, n -> false, 0),
            group -> {
              commits.add(group);
              writing.countDown();
              try {
                release.await(SECONDS, TimeUnit.SECONDS); // a slow disk
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Task first = s.take();
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(() -> s.succeeded(first, ok(first), null, 0));
    assertThat(writing.await(SECONDS, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> others =
        CompletableFuture.runAsync(
            () -> {
              try {
                for (int i = 0; i < 2; i++) {
                  Task t = s.take();
                  s.succeeded(t, ok(t), null, 0);
                }
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      others.get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(
          "take() and succeeded() did not return within 5 s while a"
              + " commit was being written: the commit holds the scheduler's lock");
    } finally {
      release.countDown();
    }
    writer.get(SECONDS, TimeUnit.SECONDS);
    assertThat(s.take()).as("the source is used up").isNull();
    assertThat(s.awaitFinished(TimeUnit.SECONDS.toNanos(SECONDS))).isTrue();
    assertThat(commits).as("mini-batch 0, then 1 and 2 in one group").hasSize(2);
    assertThat(commits.get(1))
        .isInstanceOfSatisfying(
            List.class,
            g ->
                assertThat(((List<?>) g).stream().map(b -> ((CompletedBatch) b).index()))
                    .containsExactly(1L, 2L));
    assertThat(s.snapshot().batchesCommitted()).isEqualTo(3);
  }

  @Test
  void theEndOfAJobWaitsForAGroupStillBeingWrittenOutsideTheLock() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Scheduler s =
        scheduler(
            new ListSource(new int[] {1, 1}, n -> false, 0),
            group -> {
              writing.countDown();
              try {
                release.await(SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Task first = s.take();
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(() -> s.succeeded(first, ok(first), null, 0));
    assertThat(writing.await(SECONDS, TimeUnit.SECONDS)).isTrue();
    s.stop(JobStatus.Canceled, "test");
    assertThat(s.awaitIdle(TimeUnit.MILLISECONDS.toNanos(200)))
        .as("idle while a claimed group is still being written")
        .isFalse();
    assertThat(s.snapshot().batchesCommitted()).as("not counted before it is written").isZero();
    Thread.currentThread().interrupt(); // the job's thread may be interrupted: still waits
    CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(release::countDown);
    assertThat(s.awaitIdle(TimeUnit.SECONDS.toNanos(SECONDS))).isTrue();
    assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    writer.get(SECONDS, TimeUnit.SECONDS);
    assertThat(s.snapshot().batchesCommitted()).isEqualTo(1);
  }

  @Test
  void workersReportWhileTheSourceIsBeingRead() throws Exception {
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    MiniBatchSource slow =
        new MiniBatchSource() {
          private int next;

          @Override
          public MiniBatch next() {
            if (next == 1) {
              reading.countDown();
              try {
                release.await(SECONDS, TimeUnit.SECONDS); // a slow listing or a large CSV row
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return next < 2 ? MiniBatch.ofFiles(next, 1, List.of(Path.of("item" + next++))) : null;
          }

          @Override
          public long itemsListed() {
            return next;
          }
        };
    List<Object> commits = new CopyOnWriteArrayList<>();
    Scheduler s = scheduler(slow, commits::add);
    Task first = s.take();
    CompletableFuture<Task> reader =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return s.take(); // reads mini-batch 1, slowly
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(reading.await(SECONDS, TimeUnit.SECONDS)).isTrue();
    try {
      CompletableFuture.runAsync(() -> s.succeeded(first, ok(first), null, 0))
          .get(5, TimeUnit.SECONDS);
      CompletableFuture.supplyAsync(s::snapshot).get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(
          "succeeded() or snapshot() did not return within 5 s while the"
              + " source was being read: the read holds the scheduler's lock");
    } finally {
      release.countDown();
    }
    assertThat(commits).as("mini-batch 0 committed while 1 was read").hasSize(1);
    Task second = reader.get(SECONDS, TimeUnit.SECONDS);
    assertThat(second.batch().index()).isEqualTo(1);
    s.succeeded(second, ok(second), null, 0);
    assertThat(s.take()).isNull();
    assertThat(s.awaitFinished(TimeUnit.SECONDS.toNanos(SECONDS))).isTrue();
    assertThat(s.snapshot().itemsSucceeded()).isEqualTo(2);
  }
}
