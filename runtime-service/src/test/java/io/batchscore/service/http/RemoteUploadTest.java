package io.batchscore.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchscore.examples.chaos.ChaosScorer;
import io.batchscore.service.artifacts.ArtifactStore;
import io.batchscore.service.auth.Role;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against {@code batchscore serve} (a child JVM on a free loopback port, started with
 * {@code --public-url}) from a folder the server may not read: the model, the scorer's code and
 * the data are uploaded, and the job runs on the server's copies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RemoteUploadTest {

  private static final String PUBLIC_URL = "https://batch.example.test:8443/ml";
  private static final int IMAGES = 37;

  private ServedWorkspace served;
  private Path client;
  private Map<String, String> asAdmin;

  @BeforeAll
  void serve(@TempDir Path tmp, @TempDir Path clientDir) throws Exception {
    served = new ServedWorkspace(tmp, 2);
    served.start("--public-url", PUBLIC_URL);
    asAdmin =
        Map.of("BATCHSCORE_URL", served.address(), "BATCHSCORE_TOKEN", served.token(Role.ADMIN));
    client = clientDir;
    Files.writeString(
        Files.createDirectories(client.resolve("model/sub")).resolveSibling("weights.pth"),
        "weights from the client");
    Files.writeString(client.resolve("model/sub/config.json"), "{}");
    Path classes =
        Path.of(ChaosScorer.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    ArtifactStore.copyTree(
        classes,
        Files.isDirectory(classes)
            ? client.resolve("code")
            : Files.createDirectories(client.resolve("code")).resolve(classes.getFileName()));
    Path images = Files.createDirectories(client.resolve("images"));
    for (int i = 0; i < IMAGES; i++) {
      Files.writeString(images.resolve(String.format("img%03d.png", i)), "");
    }
    Files.writeString(
        client.resolve("model.yml"),
        """
        name: model-up
        path: model
        description: uploaded from the client's folder
        """);
    Files.writeString(client.resolve("endpoint.yml"), "name: endpoint-up\nauth_mode: aad_token\n");
    Files.writeString(
        client.resolve("deployment.yml"),
        """
        name: blue
        endpoint_name: endpoint-up
        model: azureml:model-up@latest
        code_configuration:
          code: code
          scoring_script: io.batchscore.examples.chaos.ChaosScorer
        compute: azureml:cpu
        mini_batch_size: 10
        output_file_name: predictions.csv
        """);
  }

  @AfterAll
  void stop() throws Exception {
    if (served != null) {
      served.close();
    }
  }

  private ServedWorkspace.Cli ok(Map<String, String> env, String... args) throws Exception {
    ServedWorkspace.Cli cli = served.cli(env, args);
    assertThat(cli.status()).as("batchscore %s: %s", String.join(" ", args), cli.err()).isZero();
    return cli;
  }

  @Test
  @Order(1)
  void aWorkspaceCreatedOverUrlFromAFolderTheServerMayNotReadRunsAJobToCompletion()
      throws Exception {
    String admin = asAdmin.get("BATCHSCORE_TOKEN");
    HttpResponse<String> direct =
        served.send(
            "POST",
            "/models",
            admin,
            "{\"name\": \"direct\", \"path\": \"" + client.resolve("model") + "\"}");
    assertThat(direct.statusCode())
        .as("the server may not open the client's folder itself")
        .isEqualTo(403);

    ok(
        asAdmin,
        "compute",
        "create",
        "--name",
        "cpu",
        "--type",
        "amlcompute",
        "--max-instances",
        "2");
    JsonNode model =
        InvokeBodies.MAPPER.readTree(
            ok(asAdmin, "model", "create", "-f", client.resolve("model.yml").toString()).out());
    Path stored = Path.of(model.path("path").asText());
    assertThat(stored).startsWith(served.dir);
    assertThat(Files.readString(stored.resolve("model/weights.pth")))
        .isEqualTo("weights from the client");
    assertThat(stored.resolve("model/sub/config.json")).exists();

    ServedWorkspace.Cli local =
        ok(
            Map.of(),
            "model",
            "create",
            "-f",
            client.resolve("model.yml").toString(),
            "--workspace",
            client.resolve("local-ws").toString());
    JsonNode localModel = InvokeBodies.MAPPER.readTree(local.out());
    assertThat(fieldNames(model))
        .as("the same document as a local workspace prints")
        .isEqualTo(fieldNames(localModel));
    assertThat(model.path("name")).isEqualTo(localModel.path("name"));
    assertThat(model.path("version")).isEqualTo(localModel.path("version"));

    ok(asAdmin, "batch-endpoint", "create", "-f", client.resolve("endpoint.yml").toString());
    JsonNode deployment =
        InvokeBodies.MAPPER.readTree(
            ok(
                    asAdmin,
                    "batch-deployment",
                    "create",
                    "-f",
                    client.resolve("deployment.yml").toString(),
                    "--set-default")
                .out());
    assertThat(deployment.path("code_configuration").path("code").asText())
        .startsWith(served.dir.toString());
    JsonNode data =
        InvokeBodies.MAPPER.readTree(
            ok(
                    asAdmin,
                    "data",
                    "create",
                    "--name",
                    "images",
                    "--type",
                    "uri_folder",
                    "--path",
                    client.resolve("images").toString())
                .out());
    assertThat(data.path("path").asText()).startsWith(served.dir.toString());

    String ofAsset =
        ok(
                asAdmin,
                "batch-endpoint",
                "invoke",
                "--name",
                "endpoint-up",
                "--input",
                "azureml:images@latest",
                "--query",
                "name",
                "-o",
                "tsv")
            .out();
    // an invoker may invoke on a local folder: its data is uploaded, as az ml does it
    String ofFolder =
        ok(
                Map.of(
                    "BATCHSCORE_URL",
                    served.address(),
                    "BATCHSCORE_TOKEN",
                    served.token(Role.INVOKER)),
                "batch-endpoint",
                "invoke",
                "--name",
                "endpoint-up",
                "--input",
                client.resolve("images").toString(),
                "--query",
                "name",
                "-o",
                "tsv")
            .out();
    for (String job : List.of(ofAsset, ofFolder)) {
      JsonNode done = served.await(job, admin, 180);
      assertThat(done.path("properties").path("status").asText())
          .as(done.toString())
          .isEqualTo("Completed");
      Path predictions =
          Path.of(done.path("properties").path("output_path").asText()).resolve("predictions.csv");
      assertThat(Files.readAllLines(predictions))
          .as(job)
          .hasSize(IMAGES)
          .allSatisfy(line -> assertThat(line).contains("img").contains("ok"));
    }
    assertThat(served.dir.resolve("artifacts/tmp"))
        .as("no upload left half-way")
        .isEmptyDirectory();
  }

  @Test
  @Order(2)
  void aReaderOrInvokerCannotUploadAndAMissingLocalPathIsNamed() throws Exception {
    for (Role role : List.of(Role.READER, Role.INVOKER)) {
      ServedWorkspace.Cli refused =
          served.cli(
              Map.of("BATCHSCORE_URL", served.address(), "BATCHSCORE_TOKEN", served.token(role)),
              "model",
              "create",
              "-f",
              client.resolve("model.yml").toString());
      assertThat(refused.status()).isEqualTo(2);
      assertThat(refused.err()).contains("model.yml: path: uploading").contains("role admin");
    }
    ServedWorkspace.Cli missing =
        served.cli(
            asAdmin,
            "data",
            "create",
            "--name",
            "none",
            "--path",
            client.resolve("no-such-folder").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err())
        .contains("path")
        .contains("no-such-folder")
        .contains("does not exist");
  }

  @Test
  @Order(3)
  void scoringUrisNameThePublicUrlWhileServedAndAfterwards() throws Exception {
    String expected = PUBLIC_URL + "/endpoints/endpoint-up/jobs";
    assertThat(served.startLine()).contains("scoring URIs: " + PUBLIC_URL);
    assertThat(
            ok(
                    asAdmin,
                    "batch-endpoint",
                    "show",
                    "--name",
                    "endpoint-up",
                    "--query",
                    "scoring_uri",
                    "-o",
                    "tsv")
                .out())
        .isEqualTo(expected);
    served.terminate();
    assertThat(
            ok(
                    Map.of(),
                    "batch-endpoint",
                    "show",
                    "--name",
                    "endpoint-up",
                    "--workspace",
                    served.dir.toString(),
                    "--query",
                    "scoring_uri",
                    "-o",
                    "tsv")
                .out())
        .as("with no server running, the workspace's configured address")
        .isEqualTo(expected);

    ServedWorkspace.Cli wildcard =
        served.cli(
            Map.of(),
            "workspace",
            "update",
            "--workspace",
            served.dir.toString(),
            "--server-address",
            "http://0.0.0.0:8765");
    assertThat(wildcard.status()).isEqualTo(2);
    assertThat(wildcard.err().strip())
        .doesNotContain("\n")
        .contains("--server-address")
        .contains("wildcard");
    ok(
        Map.of(),
        "workspace",
        "update",
        "--workspace",
        served.dir.toString(),
        "--server-address",
        "http://scoring.example.test:8765/");
    assertThat(
            ok(
                    Map.of(),
                    "batch-endpoint",
                    "show",
                    "--name",
                    "endpoint-up",
                    "--workspace",
                    served.dir.toString(),
                    "--query",
                    "scoring_uri",
                    "-o",
                    "tsv")
                .out())
        .isEqualTo("http://scoring.example.test:8765/endpoints/endpoint-up/jobs");

    ServedWorkspace.Cli badUrl =
        served.cli(
            Map.of(),
            "serve",
            "--workspace",
            served.dir.toString(),
            "--port",
            "0",
            "--public-url",
            "ftp://example.test");
    assertThat(badUrl.status()).isEqualTo(2);
    assertThat(badUrl.err()).contains("--public-url").contains("http://");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
