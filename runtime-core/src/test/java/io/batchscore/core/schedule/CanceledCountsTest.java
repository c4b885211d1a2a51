package io.batchscore.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.JobStatus;
import io.batchscore.core.job.ScoringJob;
import io.batchscore.core.scorer.ScorerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a canceled job reports is what its output holds. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CanceledCountsTest {

  @TempDir Path tmp;

  @Test
  void aJobCanceledBehindAHungMiniBatchCountsOnlyItsCommittedItems() throws Exception {
    Path in = tmp.resolve("in");
    Path out = tmp.resolve("out");
    TestJobs.inputFiles(in, 100);
    var d = TestJobs.deployment(tmp, 2, 10, 1, Duration.ofSeconds(2), -1, false, Map.of());
    CountDownLatch othersDone = new CountDownLatch(9);
    ScoringJob job =
        ScoringJob.builder(d, in, out)
            .scorerFactory(
                ScorerFactory.of(
                    () ->
                        TestJobs.scorer(
                            b -> {
                              if (b.index() == 0) {
                                Thread.sleep(
                                    60_000); // hung: the watchdog gives up on it after the 2 s
                                // timeout
                              }
                              othersDone.countDown();
                              return b.files().stream().map(f -> f.getFileName() + ": ok").toList();
                            })))
            .progressEvery(Duration.ofMillis(200))
            .build();
    Thread canceler =
        new Thread(
            () -> {
              try {
                othersDone.await();
              } catch (InterruptedException e) {
                return;
              }
              job.cancel("test cancel");
            });
    canceler.setDaemon(true);
    canceler.start();

    JobResult r = job.run();
    assertThat(r.status()).isEqualTo(JobStatus.Canceled);
    List<String> rows = TestJobs.lines(out.resolve("predictions.csv"));
    assertThat(r.itemsSucceeded()).isEqualTo(rows.size()).isZero();
    List<String> result = TestJobs.lines(out.resolve("logs/job_result.txt"));
    assertThat(result).contains("Canceled", "items: 0", "succeeded: 0", "failed: 0");
    assertThat(String.join("\n", result)).contains("uncommitted: 90");
  }
}
