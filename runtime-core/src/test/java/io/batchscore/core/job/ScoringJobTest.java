package io.batchscore.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.deployment.DeviceSelection;
import io.batchscore.core.deployment.MiniBatchSize;
import io.batchscore.core.testing.EchoScorer;
import io.batchscore.core.testing.InputFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API as an application uses it: progress, cancel, awaitEnd, the result. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScoringJobTest {

  @TempDir Path tmp;

  private Deployment deployment(int delayMs) throws Exception {
    Path model = Files.createDirectories(tmp.resolve("model"));
    return Deployment.builder(model.resolve("deployment.yml"))
        .modelPath(model)
        .scorerClass(EchoScorer.class.getName())
        .maxConcurrencyPerInstance(2)
        .miniBatchSize(MiniBatchSize.ofItems(4))
        .environmentVariables(Map.of("ECHO_DELAY_MS", String.valueOf(delayMs)))
        .devices(new DeviceSelection(DeviceSelection.Mode.CPU, List.of()))
        .intraOpThreads(1)
        .build();
  }

  private Path input(int items) throws Exception {
    return InputFolders.emptyFiles(tmp.resolve("in"), "item-%03d.txt", items);
  }

  @Test
  void aListenerSeesItemsDoneOfTheTotalWithRateAndEtaAndTheFinalCounts() throws Exception {
    List<JobProgress> seen = new CopyOnWriteArrayList<>();
    // 5 mini-batches of 4 on 2 workers: the worker left without a fifth finds the input's end
    // (the total is known from then on) while the other still scores the last one, for 600 ms
    JobResult r =
        ScoringJob.builder(deployment(150), input(20), tmp.resolve("out"))
            .listener(seen::add)
            .build()
            .run();

    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(r.exitCode()).isZero();
    assertThat(r.itemsSucceeded()).isEqualTo(20);
    assertThat(r.predictions()).contains(tmp.resolve("out/predictions.csv").toAbsolutePath());
    assertThat(Files.readAllLines(tmp.resolve("out/predictions.csv"))).hasSize(20);

    assertThat(seen).hasSizeGreaterThan(1);
    JobProgress last = seen.get(seen.size() - 1);
    assertThat(last.itemsDone()).isEqualTo(20);
    assertThat(last.itemsTotal()).hasValue(20);
    assertThat(last.eta()).contains(Duration.ZERO);
    assertThat(last.line()).startsWith("20 of 20 items (0 failed)");
    // while it ran: a known total, part of it done, a rate and an ETA
    JobProgress during =
        seen.stream()
            .filter(p -> p.itemsDone() > 0 && p.itemsDone() < 20 && p.itemsTotal().isPresent())
            .findFirst()
            .orElseThrow(() -> new AssertionError("no sample mid-job in " + seen));
    assertThat(during.itemsPerSecond()).isPositive();
    assertThat(during.eta()).hasValueSatisfying(eta -> assertThat(eta).isPositive());
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i).itemsDone()).isGreaterThanOrEqualTo(seen.get(i - 1).itemsDone());
    }
  }

  @Test
  void aStartedJobCanBeCanceledFromAnotherThreadAndAwaited() throws Exception {
    CountDownLatch someDone = new CountDownLatch(1);
    ScoringJob job =
        ScoringJob.builder(deployment(50), input(200), tmp.resolve("out"))
            .listener(
                p -> {
                  if (p.itemsDone() > 0) {
                    someDone.countDown();
                  }
                })
            .build()
            .start();
    assertThat(someDone.await(30, TimeUnit.SECONDS)).isTrue();
    job.cancel("enough for the test");
    JobResult r = job.awaitEnd(Duration.ofSeconds(30)).orElseThrow();

    assertThat(job.isDone()).isTrue();
    assertThat(r.status()).isEqualTo(JobStatus.Canceled);
    assertThat(r.reason()).isEqualTo("enough for the test");
    assertThat(r.exitCode()).isEqualTo(130);
    assertThat(r.itemsSucceeded()).isPositive().isLessThan(200);
    assertThat(Files.readAllLines(tmp.resolve("out/predictions.csv")))
        .hasSize((int) r.itemsSucceeded());
    assertThat(job.awaitEnd()).isEqualTo(r);
  }

  @Test
  void aJobThatCannotStartHandsItsErrorToAwaitEnd() throws Exception {
    ScoringJob job =
        ScoringJob.builder(deployment(0), tmp.resolve("no-such-input"), tmp.resolve("out"))
            .build()
            .start();
    assertThatThrownBy(job::awaitEnd)
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("no-such-input");
    assertThatThrownBy(job::start).isInstanceOf(IllegalStateException.class);
  }
}
