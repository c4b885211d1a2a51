package io.batchscore.service.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.service.TestWorkspace;
import io.batchscore.service.api.WorkspaceService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's workflow with its own YAML files, through the CLI verbs, on SQLite: register, deploy
 * on {@code @latest}, invoke, watch, download, a second model version moved in by {@code update}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
public class SeedWorkflowTest {

  @TempDir Path tmp;
  TestWorkspace ws;
  WorkspaceService service;
  AutoCloseable runner;

  @BeforeEach
  void open() throws Exception {
    ws = new TestWorkspace(tmp, null);
    service = WorkspaceService.open(ws.dir(), null);
    runner = service.runJobs();
  }

  @AfterEach
  void close() throws Exception {
    runner.close();
    service.close();
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void seedYamlsDeployInvokeDownloadAndMoveToTheLatestModel() throws Exception {
    check(ws, tmp);
  }

  /**
   * The seed's workflow on a workspace whose runner runs.
   *
   * @param ws the test workspace
   * @param tmp a temporary folder for downloads
   * @throws Exception when something fails
   */
  public static void check(TestWorkspace ws, Path tmp) throws Exception {
    ws.deploySeed();
    assertThat(
            ws.ok(
                "batch-endpoint",
                "show",
                "--name",
                "endpoint-batch",
                "--query",
                "scoring_uri",
                "-o",
                "tsv"))
        .isEqualTo("http://127.0.0.1:8765/endpoints/endpoint-batch/jobs");
    assertThat(
            ws.ok(
                "batch-endpoint",
                "show",
                "--name",
                "endpoint-batch",
                "--query",
                "defaults.deployment_name",
                "-o",
                "tsv"))
        .isEqualTo("blue");
    // the model is copied: a later edit of the user's file does not change it
    Path registered =
        Path.of(ws.ok("model", "show", "-n", "model-batch", "--query", "model_dir", "-o", "tsv"));
    Files.writeString(ws.root().resolve("model/weights.pth"), "weights v2");
    assertThat(registered.resolve("weights.pth")).hasContent("weights v1");
    assertThat(
            ws.ok(
                "data",
                "create",
                "-f",
                ws.cloud().resolve("dataset-invoke.yml").toString(),
                "--query",
                "{n: name, v: version, t: type}",
                "-o",
                "tsv"))
        .isEqualTo("dataset-invoke-batch\t1\turi_folder");

    String first =
        ws.ok(
            "batch-endpoint",
            "invoke",
            "--name",
            "endpoint-batch",
            "--input",
            "azureml:dataset-invoke-batch@latest",
            "--query",
            "name",
            "-o",
            "tsv");
    assertThat(first).startsWith("batchjob-");
    assertThat(ws.await(first, 120)).isEqualTo("Completed");

    // version 2 exists; the deployment keeps version 1 until it is updated
    assertThat(
            ws.ok(
                "model",
                "create",
                "--name",
                "model-batch",
                "--path",
                ws.root().resolve("model").toString(),
                "--query",
                "version",
                "-o",
                "tsv"))
        .isEqualTo("2");
    assertThat(
            ws.ok(
                "batch-deployment",
                "show",
                "-n",
                "blue",
                "-e",
                "endpoint-batch",
                "--query",
                "model",
                "-o",
                "tsv"))
        .isEqualTo("azureml:model-batch:1");
    ws.ok(
        "batch-deployment",
        "update",
        "--name",
        "blue",
        "--endpoint-name",
        "endpoint-batch",
        "--set",
        "model=azureml:model-batch@latest");
    assertThat(
            ws.ok(
                "batch-deployment",
                "show",
                "-n",
                "blue",
                "-e",
                "endpoint-batch",
                "--query",
                "model",
                "-o",
                "tsv"))
        .isEqualTo("azureml:model-batch:2");
    // a folder model: found under its own name in the model root
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
                .getFileName()
                .toString())
        .isEqualTo("model");

    String second =
        ws.ok(
            "batch-endpoint",
            "invoke",
            "--name",
            "endpoint-batch",
            "--input",
            ws.root().resolve("sample-request").toString(),
            "--mini-batch-size",
            "20",
            "--query",
            "name",
            "-o",
            "tsv");
    assertThat(ws.await(second, 120)).isEqualTo("Completed");
    assertThat(ws.ok("job", "show", "-n", first, "--query", "model", "-o", "tsv"))
        .isEqualTo("azureml:model-batch:1");
    assertThat(
            ws.ok(
                "job",
                "show",
                "-n",
                second,
                "--query",
                "{m: model, i: items, s:" + " succeeded, c: created_by}",
                "-o",
                "tsv"))
        .startsWith("azureml:model-batch:2\t200\t200\tlocal:");
    assertThat(
            ws.ok(
                    "batch-endpoint",
                    "list-jobs",
                    "--name",
                    "endpoint-batch",
                    "--query",
                    "[].name",
                    "-o",
                    "tsv")
                .lines()
                .toList())
        .containsExactly(first, second);

    Path dl = tmp.resolve("dl");
    ws.ok(
        "job",
        "download",
        "-n",
        second,
        "--output-name",
        "score",
        "--download-path",
        dl.toString());
    Path score = dl.resolve("named-outputs/score");
    List<String> rows = Files.readAllLines(score.resolve("predictions_pytorch.csv"));
    assertThat(rows).hasSize(200);
    assertThat(score.resolve("logs/job_result.txt")).exists();
    assertThat(Files.readAllLines(score.resolve("logs/job_result.txt")).get(0))
        .isEqualTo("Completed");
  }

  @Test
  void tableAndJsonOutputs() throws Exception {
    ws.deploySeed();
    String table = ws.ok("batch-endpoint", "list", "-o", "table");
    assertThat(table.lines().toList().get(0)).contains("Name", "AuthMode", "ScoringUri");
    assertThat(table).contains("endpoint-batch");
    assertThat(ws.ok("compute", "show", "-n", "cluster-cpu")).contains("\"max_instances\" : 4");
  }
}
