package io.batchscore.service.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.service.TestWorkspace;
import io.batchscore.service.api.WorkspaceService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input: one line on stderr naming the file, key or resource, exit status 2, and nothing
 * half-created in the workspace.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BadInputTest {

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

  private String fails(String... args) {
    TestWorkspace.Result r = ws.run(args);
    assertThat(r.status()).as("%s: %s", String.join(" ", args), r.out()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip().lines()).hasSize(1);
    return r.err().strip();
  }

  @Test
  void yamlOfTheWrongSchemaKindIsRefusedAndNothingIsCreated() {
    String err = fails("model", "create", "-f", ws.cloud().resolve("endpoint.yml").toString());
    assertThat(err)
        .contains("endpoint.yml", "$schema batchEndpoint.schema.json", "model.schema.json");
    assertThat(ws.ok("model", "list", "--query", "length(@)", "-o", "tsv")).isEqualTo("0");
  }

  @Test
  void unknownKeyIsNamed() throws Exception {
    Path bad = ws.cloud().resolve("bad-model.yml");
    Files.writeString(bad, "name: m\npath: ../model\nverison: 3\n");
    assertThat(fails("model", "create", "-f", bad.toString()))
        .contains("bad-model.yml", "unknown key 'verison'");
  }

  @Test
  void unknownModelOrVersionInADeployment() throws Exception {
    ws.ok("compute", "create", "-f", ws.cloud().resolve("cluster-cpu.yml").toString());
    ws.ok("batch-endpoint", "create", "-f", ws.cloud().resolve("endpoint.yml").toString());
    String dep = ws.cloud().resolve("deployment.yml").toString();
    assertThat(fails("batch-deployment", "create", "-f", dep, "--set-default"))
        .contains("deployment.yml", "model model-batch not found");
    ws.ok("model", "create", "-f", ws.cloud().resolve("model.yml").toString());
    assertThat(
            fails("batch-deployment", "create", "-f", dep, "--set", "model=azureml:model-batch:7"))
        .contains("model model-batch version 7 not found", "latest is 1");
    assertThat(fails("model", "show", "-n", "nope")).contains("model nope not found");
    assertThat(
            ws.ok(
                "batch-deployment",
                "list",
                "-e",
                "endpoint-batch",
                "--query",
                "length(@)",
                "-o",
                "tsv"))
        .isEqualTo("0");
    // an existing version cannot be created again
    assertThat(fails("model", "create", "-f", ws.cloud().resolve("model.yml").toString()))
        .contains("version 1 exists already");
  }

  @Test
  void endpointWithoutDefaultDeletedDeploymentMissingInputAndUsedOutput() throws Exception {
    ws.deploySeed();
    String input = ws.root().resolve("sample-request").toString();
    assertThat(
            fails(
                "batch-endpoint",
                "invoke",
                "-n",
                "endpoint-batch",
                "-i",
                ws.root().resolve("no-such-folder").toString()))
        .contains("no-such-folder", "does not exist");
    assertThat(
            fails(
                "batch-endpoint",
                "invoke",
                "-n",
                "endpoint-batch",
                "-i",
                input,
                "--set",
                "mini_bach_size=3"))
        .contains("mini_bach_size");
    Path used = Files.createDirectories(tmp.resolve("used"));
    Files.writeString(used.resolve("predictions_pytorch.csv"), "x\n");
    assertThat(
            fails(
                "batch-endpoint",
                "invoke",
                "-n",
                "endpoint-batch",
                "-i",
                input,
                "--output-path",
                used.toString()))
        .contains("already holds predictions_pytorch.csv");
    assertThat(
            fails(
                "batch-endpoint",
                "invoke",
                "-n",
                "endpoint-batch",
                "-i",
                input,
                "--deployment-name",
                "green"))
        .contains("batch deployment green", "not found");

    // the default deployment goes: the endpoint has none
    assertThat(fails("batch-deployment", "delete", "-n", "blue", "-e", "endpoint-batch"))
        .contains("--yes");
    ws.ok("batch-deployment", "delete", "-n", "blue", "-e", "endpoint-batch", "--yes");
    assertThat(fails("batch-endpoint", "invoke", "-n", "endpoint-batch", "-i", input))
        .contains("endpoint-batch has no default deployment");
    assertThat(
            fails(
                "batch-endpoint",
                "invoke",
                "-n",
                "endpoint-batch",
                "-i",
                input,
                "--deployment-name",
                "blue"))
        .contains("batch deployment blue", "not found");
    assertThat(ws.ok("job", "list", "--query", "length(@)", "-o", "tsv")).isEqualTo("0");
    assertThat(fails("batch-endpoint", "show", "-n", "nope"))
        .contains("batch endpoint nope not found");
  }

  @Test
  void archivingAModelInUseNamesTheDeployment() {
    ws.deploySeed();
    assertThat(fails("model", "archive", "-n", "model-batch", "--version", "1"))
        .contains("used by deployment endpoint-batch/blue");
    assertThat(ws.ok("model", "show", "-n", "model-batch", "--query", "stage", "-o", "tsv"))
        .isEqualTo("Development");
  }

  @Test
  void badQueryAndFormat() {
    assertThat(fails("model", "list", "--query", "[?")).contains("--query");
    assertThat(fails("model", "list", "-o", "xml")).contains("-o xml");
  }
}
