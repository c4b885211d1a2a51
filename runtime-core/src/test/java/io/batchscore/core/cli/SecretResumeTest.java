package io.batchscore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.MiniBatch;
import io.batchscore.api.Scorer;
import io.batchscore.api.ScorerContext;
import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.JobStatus;
import io.batchscore.core.job.ScoringJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job with secret-looking {@code environment_variables}: its scorer gets the values, its output
 * folder (the job's state included) and its messages never hold them, and a resume goes on with
 * the same values only.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecretResumeTest {

  static final String TOKEN = "hf_do_not_show_1";
  static final String KEY = "key_do_not_show_2";

  @TempDir Path tmp;

  /** Rows say whether the scorer received both secrets as given. */
  public static final class SecretScorer implements Scorer {
    private String received;

    @Override
    public void init(ScorerContext context) {
      boolean both =
          TOKEN.equals(context.environment().get("HF_TOKEN"))
              && KEY.equals(context.environment().get("API_KEY"));
      received = both ? "secrets received" : "secrets missing";
    }

    @Override
    public List<?> run(MiniBatch batch) throws Exception {
      Thread.sleep(20);
      return batch.files().stream().map(p -> p.getFileName() + ": " + received).toList();
    }
  }

  @Test
  void secretsReachTheScorerNeverTheFolderAndAResumeNeedsTheSameValues() throws Exception {
    Launcher launcher = new Launcher(tmp, 30);
    Files.writeString(
        launcher.deployment,
        Files.readString(launcher.deployment)
                .replace("io.batchscore.core.testing.EchoScorer", SecretScorer.class.getName())
            + "environment_variables:\n  HF_TOKEN: "
            + TOKEN
            + "\n  PLAIN: visible\n");
    Path out = tmp.resolve("out");
    List<String> sets = List.of("environment_variables.API_KEY=" + KEY);
    ScoringJob job =
        ScoringJob.builder(DeploymentLoader.load(launcher.deployment, sets), launcher.input, out)
            .build();
    cancelAfterTheFirstCommit(job, out);
    JobResult canceled = job.run();
    assertThat(canceled.status()).isEqualTo(JobStatus.Canceled);
    assertThat(Files.readString(out.resolve("logs/sys/job_state.json"))).contains("PLAIN=visible");
    assertNoSecretUnder(out);

    List<String> resume =
        new ArrayList<>(
            List.of(
                "run",
                "--deployment",
                launcher.deployment.toString(),
                "--input",
                launcher.input.toString(),
                "--output",
                out.toString(),
                "--resume",
                "--progress",
                "none"));
    List<String> changed = new ArrayList<>(resume);
    changed.addAll(List.of("--set", "environment_variables.API_KEY=key_changed_3"));
    Launcher.Outcome refused = Launcher.run(changed.toArray(String[]::new));
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err())
        .contains("--resume refused")
        .contains("API_KEY=pbkdf2-sha256:")
        .doesNotContain(KEY)
        .doesNotContain("key_changed_3")
        .doesNotContain(TOKEN);

    resume.addAll(List.of("--set", sets.get(0)));
    Launcher.Outcome resumed = Launcher.run(resume.toArray(String[]::new));
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.out() + resumed.err()).doesNotContain(KEY).doesNotContain(TOKEN);
    assertThat(Files.readAllLines(out.resolve("predictions.csv")))
        .hasSize(30)
        .doesNotHaveDuplicates()
        .allMatch(row -> row.endsWith("secrets received"));
    assertNoSecretUnder(out);
  }

  @Test
  void aFolderWhoseStateAnEarlierBatchScoreWroteInClearResumesAndLosesTheClearValue()
      throws Exception {
    Launcher launcher = new Launcher(tmp, 30);
    Path out = tmp.resolve("out");
    String set = "environment_variables.API_KEY=" + KEY;
    ScoringJob job =
        ScoringJob.builder(
                DeploymentLoader.load(
                    launcher.deployment, List.of(set, "environment_variables.ECHO_DELAY_MS=20")),
                launcher.input,
                out)
            .build();
    cancelAfterTheFirstCommit(job, out);
    assertThat(job.run().status()).isEqualTo(JobStatus.Canceled);
    // the state as BatchScore wrote it before secret values were digested
    Path state = out.resolve("logs/sys/job_state.json");
    String old =
        Files.readString(state)
            .replaceAll(
                "\"environment_variables\" : \"[^\"]*\"",
                "\"environment_variables\" : \"{API_KEY=" + KEY + ", ECHO_DELAY_MS=20}\"")
            .replaceAll(",\\s*\"environment_variables.salt\" : \"[0-9a-f]*\"", "");
    assertThat(old).contains(KEY).doesNotContain("salt");
    Files.writeString(state, old);

    String[] resume = {
      "run",
      "--deployment",
      launcher.deployment.toString(),
      "--input",
      launcher.input.toString(),
      "--output",
      out.toString(),
      "--resume",
      "--progress",
      "none",
      "--set",
      "environment_variables.ECHO_DELAY_MS=20",
      "--set",
      ""
    };
    resume[resume.length - 1] = "environment_variables.API_KEY=key_changed_3";
    Launcher.Outcome refused = Launcher.run(resume);
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err())
        .contains("environment_variables differ")
        .doesNotContain(KEY)
        .doesNotContain("key_changed_3");

    resume[resume.length - 1] = set;
    Launcher.Outcome resumed = Launcher.run(resume);
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(Files.readAllLines(out.resolve("predictions.csv"))).hasSize(30);
    assertNoSecretUnder(out);
  }

  private static void assertNoSecretUnder(Path folder) throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(text).as("%s", f).doesNotContain(TOKEN).doesNotContain(KEY);
    }
  }

  /** Cancels the job, from another thread, once its first mini-batch is committed. */
  private static void cancelAfterTheFirstCommit(ScoringJob job, Path out) {
    Thread canceler =
        new Thread(
            () -> {
              try {
                Path journal = out.resolve("logs/sys/commits.log");
                while (!Files.exists(journal) || Files.size(journal) == 0) {
                  Thread.sleep(5);
                }
              } catch (Exception e) {
                return;
              }
              job.cancel("test cancel");
            });
    canceler.setDaemon(true);
    canceler.start();
  }
}
