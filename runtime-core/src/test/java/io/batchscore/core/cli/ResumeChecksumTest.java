package io.batchscore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.JobStatus;
import io.batchscore.core.job.ScoringJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A resume continues only with the scorer code and the model the job began with. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResumeChecksumTest {

  @TempDir Path tmp;

  @Test
  void aResumeAfterTheModelOrTheCodeChangedIsRefusedUnlessForced() throws Exception {
    Launcher launcher = new Launcher(tmp, 30);
    Path model = tmp.resolve("model/weights.bin");
    Files.writeString(model, "weights-1");
    FileTime modelTime = Files.getLastModifiedTime(model);
    Path code = Files.createDirectories(tmp.resolve("code"));
    Files.writeString(code.resolve("scorer.jar"), "version 1");
    Path out = tmp.resolve("out");
    List<String> sets =
        List.of("code_configuration.code=" + code, "environment_variables.ECHO_DELAY_MS=20");

    ScoringJob job =
        ScoringJob.builder(DeploymentLoader.load(launcher.deployment, sets), launcher.input, out)
            .build();
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
    JobResult canceled = job.run();
    assertThat(canceled.status()).isEqualTo(JobStatus.Canceled);
    String partial = Files.readString(out.resolve("predictions.csv"));

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
    for (String s : sets) {
      resume.addAll(List.of("--set", s));
    }
    // the model's contents change, its size and time do not
    Files.writeString(model, "weights-2");
    Files.setLastModifiedTime(model, modelTime);
    Launcher.Outcome modelChanged = Launcher.run(resume.toArray(String[]::new));
    assertThat(modelChanged.code()).isEqualTo(2);
    assertThat(modelChanged.err())
        .contains("--resume refused")
        .contains("the model")
        .contains("--force");
    assertThat(Files.readString(out.resolve("predictions.csv"))).isEqualTo(partial);

    Files.writeString(model, "weights-1");
    Files.setLastModifiedTime(model, modelTime);
    Files.writeString(code.resolve("scorer.jar"), "version 2");
    Launcher.Outcome codeChanged = Launcher.run(resume.toArray(String[]::new));
    assertThat(codeChanged.code()).isEqualTo(2);
    assertThat(codeChanged.err()).contains("the scorer code").doesNotContain("the model");

    resume.add("--force");
    Launcher.Outcome forced = Launcher.run(resume.toArray(String[]::new));
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(Files.readAllLines(out.resolve("predictions.csv")))
        .hasSize(30)
        .doesNotHaveDuplicates();
  }
}
