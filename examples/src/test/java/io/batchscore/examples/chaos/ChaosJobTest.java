package io.batchscore.examples.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.JobStatus;
import io.batchscore.core.job.ScoringJob;
import io.batchscore.core.scorer.ScorerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chaos example's deployment, driven by --set overrides as a user would, on 10,000 files. */
class ChaosJobTest {

  private static final Path DEPLOYMENT = Path.of("chaos/deployment.yml");
  private static final int FILES = 10_000;

  @TempDir static Path inputs;
  @TempDir Path out;

  @BeforeAll
  static void makeInputs() throws Exception {
    for (int i = 0; i < FILES; i++) {
      Files.writeString(inputs.resolve(String.format("img%05d.png", i)), "");
    }
  }

  private JobResult run(String... overrides) throws Exception {
    Deployment d = DeploymentLoader.load(DEPLOYMENT, List.of(overrides));
    return ScoringJob.builder(d, inputs, out)
        .scorerFactory(ScorerFactory.of(ChaosScorer::new))
        .progressEvery(Duration.ofSeconds(5))
        .build()
        .run();
  }

  private List<String> rows() throws Exception {
    return Files.readAllLines(out.resolve("predictions.csv"));
  }

  @Test
  void flakyItemsAllSucceedOnRetry() throws Exception {
    JobResult r = run("environment_variables.CHAOS_FLAKY=7\\.png$");
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(rows()).hasSize(FILES).doesNotHaveDuplicates().isSorted();
    assertThat(r.itemsFailed()).isZero();
    String metrics = Files.readString(out.resolve("logs/metrics.json"));
    assertThat(metrics).contains("batchscore.retries");
  }

  @Test
  void oneHangingItemIsTheOnlyFailureAndTheJobEndsInTime() throws Exception {
    long start = System.nanoTime();
    JobResult r =
        run(
            "environment_variables.CHAOS_HANG=img04321",
            "retry_settings.timeout=2",
            "retry_settings.max_retries=2");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(r.itemsFailed()).isEqualTo(1);
    assertThat(rows()).hasSize(FILES - 1).doesNotContain("img04321.png: ok");
    assertThat(Files.readString(out.resolve("logs/job_error.txt")))
        .contains("img04321.png")
        .contains("retry_settings.timeout");
    assertThat(seconds).as("a functional bound, not a benchmark").isLessThan(60);
  }

  @Test
  void severalFailingAndShortItemsInOneMiniBatchAreIsolated() throws Exception {
    JobResult r =
        run(
            "environment_variables.CHAOS_FAIL=img0010[357]",
            "environment_variables.CHAOS_SHORT=img09999");
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(r.itemsFailed()).isEqualTo(4);
    List<String> rows = rows();
    assertThat(rows)
        .hasSize(FILES - 4)
        .contains("img00100.png: ok", "img00102.png: ok", "img00104.png: ok", "img00106.png: ok")
        .doesNotContain("img00103.png: ok", "img00105.png: ok", "img00107.png: ok");
    String report = Files.readString(out.resolve("logs/sys/job_report/processed_mini-batches.csv"));
    assertThat(report).contains("\n10,10,").contains("partially_failed");
  }

  @Test
  void initFailureIsRetriedThenFailsTheJobWithTheScorersError() throws Exception {
    JobResult r = run("environment_variables.CHAOS_INIT_FAIL=no GPU today");
    assertThat(r.status()).isEqualTo(JobStatus.Failed);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(Files.readString(out.resolve("logs/job_error.txt")))
        .contains("CHAOS_INIT_FAIL: no GPU today");
    assertThat(Files.readString(out.resolve("logs/sys/job.log")))
        .contains("init attempt 3 of 3 failed");
  }
}
