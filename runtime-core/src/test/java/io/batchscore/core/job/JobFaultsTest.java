package io.batchscore.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batchscore.api.MiniBatch;
import io.batchscore.api.Scorer;
import io.batchscore.api.ScorerContext;
import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeviceSelection;
import io.batchscore.core.deployment.MiniBatchSize;
import io.batchscore.core.schedule.RemoteCompute;
import io.batchscore.core.schedule.RemoteQueue;
import io.batchscore.core.scorer.ScorerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults of a job's life cycle. Each job here ends, through the one way out: its result files
 * written, its scorer instances closed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JobFaultsTest {

  @TempDir Path tmp;

  /** What a scorer does with a mini-batch. */
  interface RunFn {
    List<?> run(MiniBatch b) throws Exception;
  }

  /** Makes scorers running {@code fn}, counting the instances made and closed. */
  static final class Counting {
    final AtomicInteger made = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    private final RunFn fn;

    Counting(RunFn fn) {
      this.fn = fn;
    }

    ScorerFactory factory() {
      return ScorerFactory.of(
          () -> {
            made.incrementAndGet();
            return new Scorer() {
              @Override
              public void init(ScorerContext context) {}

              @Override
              public List<?> run(MiniBatch batch) throws Exception {
                return fn.run(batch);
              }

              @Override
              public void close() {
                closed.incrementAndGet();
              }
            };
          });
    }
  }

  private Deployment deployment(int workers, int batchSize, int maxRetries, Duration timeout)
      throws Exception {
    Path model = Files.createDirectories(tmp.resolve("model"));
    return Deployment.builder(model.resolve("deployment.yml"))
        .modelPath(model)
        .scorerClass("test.Scorer")
        .maxConcurrencyPerInstance(workers)
        .miniBatchSize(MiniBatchSize.ofItems(batchSize))
        .maxRetries(maxRetries)
        .timeout(timeout)
        .devices(new DeviceSelection(DeviceSelection.Mode.CPU, List.of()))
        .intraOpThreads(1)
        .isolateFailures(false)
        .build();
  }

  private Path input(int items) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    for (int i = 0; i < items; i++) {
      Files.writeString(in.resolve(String.format("item-%03d.txt", i)), "");
    }
    return in;
  }

  private static List<String> ok(MiniBatch b) {
    return b.files().stream().map(f -> f.getFileName() + ": ok").toList();
  }

  private ScoringJobBuilder job(Deployment d, Path in, Counting c) {
    return ScoringJob.builder(d, in, tmp.resolve("out"))
        .scorerFactory(c.factory())
        .progressEvery(Duration.ofMillis(200));
  }

  private List<String> jobResult() throws Exception {
    return Files.readAllLines(tmp.resolve("out/logs/job_result.txt"));
  }

  @Test
  void anInterruptedJobWritesItsResultAndClosesItsWorkers() throws Exception {
    CountDownLatch scored = new CountDownLatch(2);
    Counting c =
        new Counting(
            b -> {
              scored.countDown();
              if (b.index() >= 2) {
                Thread.sleep(200);
              }
              return ok(b);
            });
    ScoringJob job = job(deployment(2, 5, 1, Duration.ofSeconds(30)), input(40), c).build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread runner =
        new Thread(
            () -> {
              try {
                job.run();
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    runner.start();
    assertThat(scored.await(30, TimeUnit.SECONDS)).isTrue();
    runner.interrupt();
    runner.join(30_000);
    assertThat(runner.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    List<String> lines = jobResult();
    assertThat(lines.get(0)).isEqualTo("Canceled");
    assertThat(lines).anyMatch(l -> l.startsWith("reason: ") && l.contains("interrupted"));
    assertThat(tmp.resolve("out/logs/job_error.txt")).exists();
    assertThat(c.closed.get()).as("instances closed").isEqualTo(c.made.get());
  }

  @Test
  void aProgressIntervalOfZeroIsRefusedBeforeAnythingRuns() throws Exception {
    Counting c = new Counting(JobFaultsTest::ok);
    Deployment d = deployment(1, 5, 1, Duration.ofSeconds(30));
    Path in = input(10);
    assertThatThrownBy(() -> job(d, in, c).progressEvery(Duration.ZERO).build().run())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("progress");
    assertThat(c.made.get()).isZero();
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void aWorkerKilledByARuntimeBugFailsTheJobNamingIt() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Counting c = new Counting(JobFaultsTest::ok);
    ScoringJob job =
        job(deployment(2, 5, 1, Duration.ofSeconds(30)), input(40), c)
            .workerFault(
                () -> {
                  if (runs.incrementAndGet() == 3) {
                    throw new IllegalStateException("injected runtime bug");
                  }
                })
            .build()
            .start();
    JobResult r =
        job.awaitEnd(Duration.ofSeconds(30))
            .orElseThrow(() -> new AssertionError("the job did not end"));
    assertThat(r.status()).isEqualTo(JobStatus.Failed);
    assertThat(r.reason())
        .contains("internal error: worker node000/process00")
        .contains("IllegalStateException: injected runtime bug");
    assertThat(jobResult().get(0)).isEqualTo("Failed");
    assertThat(c.closed.get()).as("instances closed").isEqualTo(c.made.get());
  }

  @Test
  void aWorkerKilledByAnErrorFromARowFailsTheJobNamingIt() throws Exception {
    Object poisoned =
        new Object() {
          @Override
          public String toString() {
            throw new AssertionError("poisoned row");
          }
        };
    Counting c = new Counting(b -> b.index() == 1 ? List.of(poisoned) : ok(b));
    ScoringJob job = job(deployment(1, 5, 1, Duration.ofSeconds(30)), input(10), c).build().start();
    JobResult r =
        job.awaitEnd(Duration.ofSeconds(30))
            .orElseThrow(() -> new AssertionError("the job did not end"));
    assertThat(r.status()).isEqualTo(JobStatus.Failed);
    assertThat(r.reason()).contains("AssertionError: poisoned row");
    assertThat(jobResult().get(0)).isEqualTo("Failed");
  }

  @Test
  void aScorerAbandonedAfterATimeoutIsClosedWhenItsCallReturns() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Counting c =
        new Counting(
            b -> {
              if (calls.incrementAndGet() == 1) { // outlives the timeout, deaf to the interrupt
                long until = System.nanoTime() + 1_300_000_000L;
                while (System.nanoTime() < until) {
                  try {
                    Thread.sleep(50);
                  } catch (InterruptedException ignored) {
                    // a native call would not see it either
                  }
                }
              }
              return ok(b);
            });
    JobResult r = job(deployment(1, 2, 2, Duration.ofSeconds(1)), input(4), c).build().run();
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(c.made.get()).isEqualTo(2);
    assertThat(c.closed.get()).as("instances closed of %s made", c.made.get()).isEqualTo(2);
  }

  @Test
  void aJavaRunReturningMoreElementsThanItemsFailsTheAttempt() throws Exception {
    Counting c =
        new Counting(
            b -> {
              List<String> rows = new ArrayList<>(ok(b));
              if (b.index() == 0) {
                rows.add("extra");
              }
              return rows;
            });
    JobResult r = job(deployment(1, 2, 1, Duration.ofSeconds(30)), input(4), c).build().run();
    assertThat(Files.readAllLines(tmp.resolve("out/predictions.csv")))
        .doesNotContain("extra")
        .hasSize(2);
    assertThat(r.itemsFailed()).isEqualTo(2);
    assertThat(Files.readString(tmp.resolve("out/logs/job_error.txt")))
        .contains("run returned 3 elements for the 2 items");
  }

  @Test
  void anExceptionOnTheJobsThreadEndsItThroughTheSameWayOut() throws Exception {
    RemoteCompute broken =
        new RemoteCompute() {
          @Override
          public String describe() {
            return "broken compute";
          }

          @Override
          public int workers() {
            return 1;
          }

          @Override
          public int window() {
            throw new IllegalStateException("window bug");
          }

          @Override
          public void run(RemoteQueue queue) {
            throw new AssertionError("not reached");
          }
        };
    Counting c = new Counting(JobFaultsTest::ok);
    JobResult r =
        job(deployment(1, 2, 1, Duration.ofSeconds(30)), input(4), c).remote(broken).build().run();
    assertThat(r.status()).isEqualTo(JobStatus.Failed);
    assertThat(r.reason()).isEqualTo("internal error: java.lang.IllegalStateException: window bug");
    assertThat(jobResult()).first().isEqualTo("Failed");
    assertThat(jobResult()).contains("reason: " + r.reason());
    assertThat(Files.readString(tmp.resolve("out/logs/job_error.txt"))).contains("window bug");
  }
}
