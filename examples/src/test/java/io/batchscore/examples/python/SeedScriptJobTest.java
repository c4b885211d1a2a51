package io.batchscore.examples.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.JobStatus;
import io.batchscore.core.job.ScoringJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's scoring script, unchanged, in BatchScore's Python workers: the seed-like folder of
 * {@code examples/python-seed} scores the 200-image sample request with exactly the rows that the
 * script gives when it is called directly, and its {@code logger.info} lines reach the workers'
 * stdout files. Both of the seed's model layouts: the article's ({@code model.path} the file,
 * {@code $AZUREML_MODEL_DIR/weights.pth}) and its repository's ({@code model.path} the folder,
 * {@code $AZUREML_MODEL_DIR/model/weights.pth}).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SeedScriptJobTest {

  private static final Path SEED = Path.of("python-seed").toAbsolutePath();
  private static final Path DEPLOYMENT = SEED.resolve("cloud/endpoint/deployment.yml");
  private static final Path INPUT = Path.of("fashion-mnist/sample-request").toAbsolutePath();
  private static final Path LABELS = Path.of("fashion-mnist/sample-request-labels.csv");

  /** Calls the script as a user would in a Python shell: init(), then run() per 10 files. */
  private static final String DIRECT =
      String.join(
          "\n",
          "import os, sys",
          "src, model_dir, folder = sys.argv[1:4]",
          "os.environ['AZUREML_MODEL_DIR'] = model_dir",
          "sys.argv = ['score.py', '--logging_level', 'INFO']",
          "sys.path.insert(0, src)",
          "import score",
          "score.init()",
          "files = sorted(os.path.join(folder, f) for f in os.listdir(folder))",
          "for i in range(0, len(files), 10):",
          "    for row in score.run(files[i:i + 10]):",
          "        print(row)");

  @TempDir static Path tmp;
  private static String python;
  private static List<String> direct;

  @BeforeAll
  static void callTheScriptDirectly() throws Exception {
    python = Pythons.withTorch();
    direct = callDirectly(SEED.resolve("src"), SEED.resolve("model"));
    assertThat(direct).hasSize(200);
  }

  private static List<String> callDirectly(Path src, Path modelDir) throws Exception {
    Path rows = Files.createTempFile(tmp, "direct", ".txt");
    Process p =
        new ProcessBuilder(
                python, "-c", DIRECT, src.toString(), modelDir.toString(), INPUT.toString())
            .redirectOutput(rows.toFile())
            .redirectError(tmp.resolve("direct-stderr.txt").toFile())
            .start();
    try {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(p.exitValue()).as(Files.readString(tmp.resolve("direct-stderr.txt"))).isZero();
    return Files.readAllLines(rows);
  }

  private JobResult run(Path out, String... overrides) throws Exception {
    List<String> settings =
        new java.util.ArrayList<>(
            List.of("environment.python=" + python, "max_concurrency_per_instance=2"));
    settings.addAll(List.of(overrides));
    Deployment d = DeploymentLoader.load(DEPLOYMENT, settings);
    return ScoringJob.builder(d, INPUT, out).progressEvery(Duration.ofMinutes(1)).build().run();
  }

  private static void assertLoggedInitInEveryWorker(Path out) throws IOException {
    List<Path> logs;
    try (Stream<Path> files = Files.walk(out.resolve("logs/user/stdout"))) {
      logs = files.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(logs).hasSize(2);
    StringBuilder all = new StringBuilder();
    for (Path log : logs) {
      String text = Files.readString(log);
      assertThat(text)
          .contains("score: Init started")
          .contains("score: Device: cpu")
          .contains("score: Init completed");
      all.append(text);
    }
    assertThat(all)
        .contains("score: run([")
        .contains("score: Run completed")
        .contains(
            "score-conda.yml: BatchScore does not build conda environments, and "
                + python
                + " (Python ")
        .contains(" cannot import azureml-defaults");
  }

  @Test
  void theArticlesScriptGivesTheRowsItGivesWhenCalledDirectly() throws Exception {
    Path out = tmp.resolve("article");
    JobResult r = run(out, "model.path=" + SEED.resolve("model/weights.pth"));
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(r.itemsSucceeded()).isEqualTo(200);
    List<String> rows = Files.readAllLines(out.resolve("predictions_pytorch.csv"));
    assertThat(rows).isEqualTo(direct);
    assertThat(rows.get(0)).isEqualTo(INPUT.resolve("000.png") + ": Ankle Boot");
    assertThat(agreeingWithLabels(rows)).isEqualTo(179);
    assertLoggedInitInEveryWorker(out);
  }

  @Test
  void theRepositorysScriptReadsTheModelFolderUnderItsName() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("repo-src"));
    for (String f : List.of("score.py", "neural_network.py")) {
      Files.copy(SEED.resolve("src").resolve(f), src.resolve(f));
    }
    String script = Files.readString(src.resolve("score.py"));
    String changed = script.replace("'weights.pth')", "'model/weights.pth')");
    assertThat(changed).isNotEqualTo(script);
    Files.writeString(src.resolve("score.py"), changed);

    Path out = tmp.resolve("repo");
    JobResult r = run(out, "model.path=" + SEED.resolve("model"), "code_configuration.code=" + src);
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(Files.readAllLines(out.resolve("predictions_pytorch.csv"))).isEqualTo(direct);
    assertLoggedInitInEveryWorker(out);
  }

  private static int agreeingWithLabels(List<String> rows) throws IOException {
    Map<String, String> truth = new HashMap<>();
    for (String line : Files.readAllLines(LABELS).subList(1, 201)) {
      String[] f = line.split(",");
      truth.put(f[0], f[2]);
    }
    int agree = 0;
    for (String row : rows) {
      String[] f = row.split(": ", 2);
      agree += truth.get(Path.of(f[0]).getFileName().toString()).equals(f[1]) ? 1 : 0;
    }
    return agree;
  }
}
