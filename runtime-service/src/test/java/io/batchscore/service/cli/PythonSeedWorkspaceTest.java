package io.batchscore.service.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.batchscore.service.TestWorkspace;
import io.batchscore.service.api.WorkspaceService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's Python deployment through a workspace, with Debian's {@code /usr/bin/python3}: the
 * model registered from the file {@code ../model/weights.pth} (the article's {@code score.py}
 * opens {@code $AZUREML_MODEL_DIR/weights.pth}) and from the folder {@code ../model} (the seed
 * repository's opens {@code $AZUREML_MODEL_DIR/model/weights.pth}); each job scores the 200-image
 * sample request with the rows the script gives when called directly, and the script's {@code
 * Init started}/{@code Init completed} reach the job's worker stdout logs.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PythonSeedWorkspaceTest {

  private static final String PYTHON = "/usr/bin/python3";
  private static final Path SEED = Path.of("../examples/python-seed").toAbsolutePath().normalize();
  private static final Path INPUT =
      Path.of("../examples/fashion-mnist/sample-request").toAbsolutePath().normalize();

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

  @TempDir Path tmp;
  WorkspaceService service;
  AutoCloseable runner;

  @AfterEach
  void close() throws Exception {
    if (runner != null) {
      runner.close();
    }
    if (service != null) {
      service.close();
    }
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void bothModelLayoutsScoreLikeTheScriptCalledDirectly() throws Exception {
    requireTorch();
    List<String> direct = callDirectly(SEED.resolve("src"), SEED.resolve("model"));
    assertThat(direct).hasSize(200);
    Path repoSrc = repositoryScript();

    TestWorkspace ws = new TestWorkspace(tmp, null);
    service = WorkspaceService.open(ws.dir(), null);
    runner = service.runJobs();
    Path cloud = SEED.resolve("cloud");
    ws.ok("compute", "create", "-f", ws.cloud().resolve("cluster-cpu.yml").toString());
    ws.ok("batch-endpoint", "create", "-f", cloud.resolve("endpoint/endpoint.yml").toString());
    // the article's layout: the seed's model.yml registers the file ../model/weights.pth
    ws.ok("model", "create", "-f", cloud.resolve("model.yml").toString());
    ws.ok(
        "batch-deployment",
        "create",
        "-f",
        cloud.resolve("endpoint/deployment.yml").toString(),
        "--set-default",
        "--set",
        "environment.python=" + PYTHON);
    // the seed repository's layout: the folder ../model, and a score.py opening model/weights.pth
    ws.ok(
        "model",
        "create",
        "-f",
        cloud.resolve("model.yml").toString(),
        "--set",
        "name=model-folder",
        "--set",
        "path=" + SEED.resolve("model"));
    ws.ok(
        "batch-deployment",
        "create",
        "-f",
        cloud.resolve("endpoint/deployment.yml").toString(),
        "--set",
        "name=repo",
        "--set",
        "model=azureml:model-folder:1",
        "--set",
        "code_configuration.code=" + repoSrc,
        "--set",
        "environment.python=" + PYTHON);
    // model.path of a Python deployment: the registered file or folder, kept by name
    assertThat(
            Path.of(
                    ws.ok(
                        "batch-deployment",
                        "show",
                        "-n",
                        "blue",
                        "-e",
                        "endpoint-batch",
                        "--query",
                        "model_dir",
                        "-o",
                        "tsv"))
                .getFileName())
        .hasToString("weights.pth");
    assertThat(
            Path.of(
                    ws.ok(
                        "batch-deployment",
                        "show",
                        "-n",
                        "repo",
                        "-e",
                        "endpoint-batch",
                        "--query",
                        "model_dir",
                        "-o",
                        "tsv"))
                .getFileName())
        .hasToString("model");

    String article =
        ws.ok(
            "batch-endpoint",
            "invoke",
            "--name",
            "endpoint-batch",
            "--input",
            INPUT.toString(),
            "--query",
            "name",
            "-o",
            "tsv");
    String repo =
        ws.ok(
            "batch-endpoint",
            "invoke",
            "--name",
            "endpoint-batch",
            "--deployment-name",
            "repo",
            "--input",
            INPUT.toString(),
            "--query",
            "name",
            "-o",
            "tsv");
    for (String job : List.of(article, repo)) {
      assertThat(ws.await(job, 180))
          .as(job + ": " + ws.ok("job", "show", "-n", job))
          .isEqualTo("Completed");
      Path out = Path.of(ws.ok("job", "show", "-n", job, "--query", "output_path", "-o", "tsv"));
      assertThat(Files.readAllLines(out.resolve("predictions_pytorch.csv"))).isEqualTo(direct);
      assertThat(workerStdout(out))
          .contains("score: Init started")
          .contains("score: Init completed")
          .contains("score: Run completed");
    }
  }

  private static void requireTorch() throws Exception {
    String message =
        "needs "
            + PYTHON
            + " with torch, torchvision and PIL (apt-get install"
            + " python3-torch python3-torchvision python3-pil)";
    boolean ok = false;
    if (Files.isExecutable(Path.of(PYTHON))) {
      Process p =
          new ProcessBuilder(PYTHON, "-c", "import torch, torchvision, PIL")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
      p.destroyForcibly();
    }
    if (!ok && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI: this test " + message);
    }
    assumeTrue(ok, "skipped: this test " + message);
  }

  private List<String> callDirectly(Path src, Path modelDir) throws Exception {
    Path rows = tmp.resolve("direct.txt");
    Path err = tmp.resolve("direct-stderr.txt");
    Process p =
        new ProcessBuilder(
                PYTHON, "-c", DIRECT, src.toString(), modelDir.toString(), INPUT.toString())
            .redirectOutput(rows.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(p.exitValue()).as(Files.readString(err)).isZero();
    return Files.readAllLines(rows);
  }

  /** The seed repository's score.py: the article's, opening model/weights.pth. */
  private Path repositoryScript() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("repo-src"));
    for (String f : List.of("score.py", "neural_network.py")) {
      Files.copy(SEED.resolve("src").resolve(f), src.resolve(f));
    }
    String script = Files.readString(src.resolve("score.py"));
    String changed = script.replace("'weights.pth')", "'model/weights.pth')");
    assertThat(changed).isNotEqualTo(script);
    Files.writeString(src.resolve("score.py"), changed);
    return src;
  }

  private static String workerStdout(Path out) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(out.resolve("logs/user/stdout"))) {
      for (Path log : files.filter(Files::isRegularFile).sorted().toList()) {
        all.append(Files.readString(log));
      }
    }
    return all.toString();
  }
}
