package io.batchscore.core.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.JobStatus;
import io.batchscore.core.job.ScoringJob;
import io.batchscore.core.testing.ChildJvm;
import io.batchscore.core.testing.InputFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a job with SIGKILL at random moments in a child JVM, checks what it left has no torn or
 * duplicated row, resumes it, and checks the result is byte-identical to an uninterrupted run.
 */
class ResumeAfterKillTest {

  private static final int ITEMS = 600;

  @TempDir Path tmp;
  private Path input;
  private Path deploymentFile;

  @BeforeEach
  void setUp() throws IOException {
    input = InputFolders.emptyFiles(tmp.resolve("in"), "f%04d.txt", ITEMS);
    Files.createDirectories(tmp.resolve("model"));
    deploymentFile = tmp.resolve("deployment.yml");
    Files.writeString(
        deploymentFile,
        """
        model:
          path: model
        code_configuration:
          scoring_script: io.batchscore.core.testing.EchoScorer
        max_concurrency_per_instance: 3
        mini_batch_size: 7
        retry_settings:
          max_retries: 2
          timeout: 10
        environment_variables:
          ECHO_DELAY_MS: "5"
          ECHO_FAIL: "f0(013|333|599)"
        """);
  }

  private JobResult runInProcess(Path out, boolean resume, List<String> overrides)
      throws Exception {
    Deployment d = DeploymentLoader.load(deploymentFile, overrides);
    return ScoringJob.builder(d, input, out)
        .resume(resume)
        .progressEvery(Duration.ofSeconds(1))
        .build()
        .run();
  }

  private ChildJvm startChild(Path out) throws IOException {
    return ChildJvm.launch(
        tmp.resolve("child.log"),
        "run",
        "--deployment",
        deploymentFile.toString(),
        "--input",
        input.toString(),
        "--output",
        out.toString());
  }

  @Test
  void killedAtRandomMomentsThenResumedGivesTheSameFile() throws Exception {
    JobResult reference = runInProcess(tmp.resolve("reference"), false, List.of());
    assertThat(reference.status()).isEqualTo(JobStatus.Completed);
    assertThat(reference.itemsFailed()).isEqualTo(3);
    String expected = Files.readString(tmp.resolve("reference/predictions.csv"));
    assertThat(expected.lines()).hasSize(ITEMS - 3);

    Random random = new Random(42);
    int killedMidJob = 0;
    for (int round = 0; round < 20; round++) {
      Path out = tmp.resolve("run" + round);
      // kill when the predictions file has reached a random length: a random point of the job
      long killAt = random.nextInt(expected.length());
      try (ChildJvm child = startChild(out)) {
        child.awaitSize(out.resolve("predictions.csv"), killAt, Duration.ofSeconds(30));
        assertThat(child.kill()).as("SIGKILL").isTrue();
      }

      Path predictions = out.resolve("predictions.csv");
      if (Files.exists(predictions)) {
        String partial = Files.readString(predictions);
        // whole rows only, none duplicated, in order: a prefix of the reference at a line end
        assertThat(expected).startsWith(partial);
        if (!partial.isEmpty() && partial.length() < expected.length()) {
          assertThat(partial).endsWith("\n");
          killedMidJob++;
        }
      }
      JobResult resumed;
      if (Files.exists(out.resolve("logs/sys/job_state.json"))) {
        resumed = runInProcess(out, true, List.of());
      } else {
        resumed = runInProcess(out, false, List.of()); // killed before the job began
      }
      assertThat(resumed.status()).isEqualTo(JobStatus.Completed);
      assertThat(Files.readString(predictions)).as("round %d", round).isEqualTo(expected);
      assertThat(resumed.itemsSucceeded()).isEqualTo(ITEMS - 3);
      assertThat(resumed.itemsFailed()).isEqualTo(3);
      List<String> report =
          Files.readAllLines(out.resolve("logs/sys/job_report/processed_mini-batches.csv"));
      assertThat(report).hasSize(1 + (ITEMS + 6) / 7);
      assertThat(Files.readString(out.resolve("logs/job_error.txt")))
          .contains("f0013.txt")
          .contains("f0333.txt")
          .contains("f0599.txt");
    }
    assertThat(killedMidJob).as("rounds killed in the middle of writing").isGreaterThan(10);
  }

  @Test
  void resumeIsRefusedForAnotherDeploymentOrInputOrAnEmptyFolder() throws Exception {
    Path out = tmp.resolve("out");
    runInProcess(out, false, List.of());
    assertThatThrownBy(() -> runInProcess(out, true, List.of("mini_batch_size=8")))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("--resume refused")
        .hasMessageContaining("mini_batch_size");
    assertThatThrownBy(() -> runInProcess(tmp.resolve("nothing"), true, List.of()))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("no job to resume");
    String before = Files.readString(out.resolve("predictions.csv"));

    // 600 items in mini-batches of 7: the last committed one holds 5; a new last file joins it
    Files.writeString(input.resolve("f9999.txt"), "new");
    assertThatThrownBy(() -> runInProcess(out, true, List.of()))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("--resume refused")
        .hasMessageContaining("first 86 mini-batch(es)")
        .hasMessageContaining("no longer listed alike");
    Files.delete(input.resolve("f9999.txt"));

    // a committed file modified in place (same name, another size)
    Files.writeString(input.resolve("f0005.txt"), "modified");
    assertThatThrownBy(() -> runInProcess(out, true, List.of()))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("no longer listed alike");
    Files.writeString(input.resolve("f0005.txt"), "");
    Files.setLastModifiedTime(
        input.resolve("f0005.txt"), Files.getLastModifiedTime(input.resolve("f0004.txt")));

    // committed files removed: the input no longer makes as many mini-batches
    for (int i = 0; i < 20; i++) {
      Files.delete(input.resolve(String.format("f%04d.txt", 580 + i)));
    }
    assertThatThrownBy(() -> runInProcess(out, true, List.of()))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("fewer than the 86");
    assertThat(Files.readString(out.resolve("predictions.csv")))
        .as("a refusal keeps the rows")
        .isEqualTo(before);
  }

  /**
   * @return a job that cancels itself once its progress shows a few committed mini-batches (a
   *     count, not a delay, so a slow machine cancels at the same point)
   */
  private ScoringJob canceledPartWay(Path out) throws IOException {
    Deployment d = DeploymentLoader.load(deploymentFile, List.of());
    AtomicReference<ScoringJob> self = new AtomicReference<>();
    ScoringJob job =
        ScoringJob.builder(d, input, out)
            .progressEvery(Duration.ofSeconds(1))
            .listener(
                p -> {
                  if (p.itemsDone() >= 21 && self.get() != null) {
                    self.get().cancel("test cancel");
                  }
                })
            .build();
    self.set(job);
    return job;
  }

  @Test
  void aFolderWhoseCommitsRecordNoListingOrAreDamagedIsRefused() throws Exception {
    Path out = tmp.resolve("out");
    JobResult canceled = canceledPartWay(out).run();
    assertThat(canceled.status()).isEqualTo(JobStatus.Canceled);
    Path journal = out.resolve("logs/sys/commits.log");
    String lines = Files.readString(journal);
    // as an earlier BatchScore wrote them: six fields, no listing
    Files.writeString(journal, lines.replaceAll(",[0-9a-f]{16}\n", "\n"));
    assertThatThrownBy(() -> runInProcess(out, true, List.of()))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("do not record the input's listing");
    Files.writeString(journal, "1,2,3\n");
    assertThatThrownBy(() -> runInProcess(out, true, List.of()))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("commits.log is damaged");
  }

  @Test
  void filesAddedAfterTheCommittedOnesAreScoredByTheResume() throws Exception {
    Path out = tmp.resolve("out");
    JobResult canceled = canceledPartWay(out).run();
    assertThat(canceled.status()).isEqualTo(JobStatus.Canceled);
    long committed = canceled.itemsSucceeded() + canceled.itemsFailed();
    assertThat(committed).as("committed before the cancel").isLessThan(ITEMS);

    // sort after every file the canceled job committed
    InputFolders.files(input, "g%04d.txt", 0, 10, "late");
    JobResult resumed = runInProcess(out, true, List.of());
    assertThat(resumed.status()).isEqualTo(JobStatus.Completed);
    assertThat(resumed.itemsSucceeded() + resumed.itemsFailed()).isEqualTo(ITEMS + 10);

    JobResult fresh = runInProcess(tmp.resolve("fresh"), false, List.of());
    assertThat(fresh.itemsSucceeded()).isEqualTo(ITEMS + 10 - 3);
    assertThat(Files.readString(out.resolve("predictions.csv")))
        .isEqualTo(Files.readString(tmp.resolve("fresh/predictions.csv")))
        .contains("g0009.txt");
  }

  @Test
  void canceledJobStopsEarlyAndResumesToTheSameFile() throws Exception {
    JobResult reference = runInProcess(tmp.resolve("reference"), false, List.of());
    assertThat(reference.itemsFailed())
        .as(
            Files.readString(tmp.resolve("reference/logs/job_error.txt"))
                + Files.readString(tmp.resolve("reference/logs/sys/job.log")))
        .isEqualTo(3);
    String expected = Files.readString(tmp.resolve("reference/predictions.csv"));

    Path out = tmp.resolve("out");
    ScoringJob job = canceledPartWay(out);
    JobResult canceled = job.run();
    assertThat(canceled.status()).isEqualTo(JobStatus.Canceled);
    assertThat(canceled.exitCode()).isEqualTo(130);
    assertThat(Files.readAllLines(out.resolve("logs/job_result.txt")).get(0)).isEqualTo("Canceled");
    String partial = Files.readString(out.resolve("predictions.csv"));
    assertThat(partial.length()).isLessThan(expected.length());
    assertThat(expected).startsWith(partial);

    JobResult resumed = runInProcess(out, true, List.of());
    assertThat(resumed.status()).isEqualTo(JobStatus.Completed);
    assertThat(Files.readString(out.resolve("predictions.csv"))).isEqualTo(expected);
    assertThat(job.awaitEnd(Duration.ZERO)).isPresent();
  }
}
