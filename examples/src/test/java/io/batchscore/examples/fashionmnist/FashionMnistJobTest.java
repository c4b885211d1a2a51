package io.batchscore.examples.fashionmnist;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.JobStatus;
import io.batchscore.core.job.ScoringJob;
import io.batchscore.core.scorer.ScorerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed's job end to end through the runtime, with the committed deployment files and
 * artifacts: each scorer is loaded by class name as the launcher does (from the test class path
 * here, since target/scorer is made after the tests).
 */
class FashionMnistJobTest {

  private static final Path HERE = Path.of("fashion-mnist");
  private static final Path SAMPLE = HERE.resolve("sample-request");

  @TempDir Path tmp;

  private JobResult run(String deployment, Path out, String... overrides) throws Exception {
    Deployment d = DeploymentLoader.load(HERE.resolve(deployment), List.of(overrides));
    return ScoringJob.builder(d, SAMPLE, out)
        .scorerFactory(
            ScorerFactory.load(Optional.empty(), d.scorerClass(), getClass().getClassLoader()))
        .build()
        .run();
  }

  private static Map<String, String> labels() throws Exception {
    Map<String, String> m = new HashMap<>();
    for (String line :
        Files.readAllLines(HERE.resolve("sample-request-labels.csv")).subList(1, 201)) {
      String[] f = line.split(",");
      m.put(f[0], f[2]);
    }
    return m;
  }

  @Test
  void theOnnxJobScoresTheSampleRequestInOrderAndAccurately() throws Exception {
    JobResult r = run("deployment.yml", tmp.resolve("onnx"));
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    List<String> rows = Files.readAllLines(tmp.resolve("onnx/predictions.csv"));
    assertThat(rows).hasSize(200);
    Map<String, String> labels = labels();
    long correct = 0;
    for (int i = 0; i < rows.size(); i++) {
      String[] f = rows.get(i).split(": ");
      assertThat(f[0]).isEqualTo(String.format("%03d.png", i));
      if (labels.get(f[0]).equals(f[1])) {
        correct++;
      }
    }
    assertThat(correct).isGreaterThanOrEqualTo(168); // 84%
    assertThat(Files.readString(tmp.resolve("onnx/logs/user/stdout/node000/process000.stdout.txt")))
        .contains("Init completed")
        .contains("run mini-batch");
    assertThat(
            Files.readAllLines(tmp.resolve("onnx/logs/sys/job_report/processed_mini-batches.csv")))
        .hasSize(21);
  }

  @ParameterizedTest
  @ValueSource(strings = {"deployment-torchscript.yml", "deployment-state-dict.yml"})
  void theTorchScorersWriteTheSamePredictionsAsOnnx(String deployment) throws Exception {
    run("deployment.yml", tmp.resolve("onnx"));
    JobResult r = run(deployment, tmp.resolve("torch"));
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(Files.readAllLines(tmp.resolve("torch/predictions.csv")))
        .isEqualTo(Files.readAllLines(tmp.resolve("onnx/predictions.csv")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"deployment.yml", "deployment-torchscript.yml", "deployment-state-dict.yml"})
  void anotherModelFolderIsSwappedInWithSet(String deployment) throws Exception {
    JobResult r = run(deployment, tmp.resolve("alt"), "model.path=model-alt");
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    List<String> expected =
        Files.readAllLines(HERE.resolve("model-alt/python-predictions.csv"))
            .subList(1, 201)
            .stream()
            .map(l -> l.split(","))
            .map(
                f ->
                    String.format(
                        "%03d.png: %s",
                        Integer.parseInt(f[0]), Labels.name(Integer.parseInt(f[2]))))
            .toList();
    assertThat(Files.readAllLines(tmp.resolve("alt/predictions.csv"))).isEqualTo(expected);
  }

  @Test
  void weightsOfAnotherArchitectureStopTheJobBeforeItStarts(@TempDir Path model) throws Exception {
    Files.copy(Path.of("src/test/resources/wide-model/weights.pth"), model.resolve("weights.pth"));
    JobResult r = run("deployment-state-dict.yml", tmp.resolve("bad"), "model.path=" + model);
    assertThat(r.status()).isEqualTo(JobStatus.Failed);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(Files.readString(tmp.resolve("bad/logs/job_error.txt")))
        .contains("weights.pth")
        .contains("sequence.1.weight");
  }

  @Test
  void aMissingModelFolderIsACouldNotStartError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> run("deployment.yml", tmp.resolve("x"), "model.path=no-such-folder"))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("no-such-folder");
  }
}
