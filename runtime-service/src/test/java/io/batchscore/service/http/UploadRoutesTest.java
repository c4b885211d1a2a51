package io.batchscore.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchscore.service.api.WorkspaceService;
import io.batchscore.service.artifacts.Tars;
import io.batchscore.service.auth.AllowedRoots;
import io.batchscore.service.auth.BearerTokens;
import io.batchscore.service.auth.LocalTokens;
import io.batchscore.service.auth.RevokedTokens;
import io.batchscore.service.auth.Role;
import io.batchscore.service.auth.SigningKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /uploads/KIND} on a real server bound to a free loopback port, with no {@code
 * --allow-path}: who may upload, what is refused (and never written), the size limit, and that an
 * upload's path is one a model or data asset may name.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UploadRoutesTest {

  private static final long LIMIT = 256 << 10;
  private static final long JSON_LIMIT = 64 << 10;

  @TempDir Path tmp;
  private Path workspace;
  private WorkspaceService service;
  private LocalTokens tokens;
  private ApiServer server;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws Exception {
    workspace = Files.createDirectories(tmp.resolve("ws"));
    service = WorkspaceService.open(workspace, null);
    RevokedTokens revoked = new RevokedTokens(workspace);
    tokens = new LocalTokens(SigningKey.openOrCreate(workspace), revoked, Clock.systemUTC());
    server =
        WorkspaceApi.start(
            new ServerOptions("127.0.0.1", 0, null, null, JSON_LIMIT, LIMIT, null),
            service,
            new BearerTokens(tokens, null),
            AllowedRoots.of(workspace, List.of()),
            revoked);
  }

  @AfterEach
  void stop() {
    server.close();
    service.close();
  }

  private String token(Role role) {
    return tokens.issue(role, role.wireName() + "-user", Duration.ofMinutes(5)).token();
  }

  private HttpResponse<String> upload(String kind, byte[] body, Role role) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.address() + "/uploads/" + kind))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/gzip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (role != null) {
      request.header("Authorization", "Bearer " + token(role));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.address() + path))
            .header("Authorization", "Bearer " + token(Role.ADMIN))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Every file or folder left in the artifact store (its empty staging area aside). */
  private List<Path> stored() throws Exception {
    Path artifacts = workspace.resolve("artifacts");
    if (!Files.exists(artifacts)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(artifacts)) {
      return s.filter(p -> !p.equals(artifacts) && !p.equals(artifacts.resolve("tmp"))).toList();
    }
  }

  @Test
  void anAdminsUploadIsStoredInTheWorkspaceAndAModelMayNameItWithoutAllowPath() throws Exception {
    Path local = Files.createDirectories(tmp.resolve("client/model"));
    Files.writeString(local.resolve("weights.pth"), "w");
    HttpResponse<String> refused =
        post("/models", "{\"name\": \"m\", \"path\": \"" + local + "\"}");
    assertThat(refused.statusCode())
        .as("the server may not open the client's folder")
        .isEqualTo(403);

    HttpResponse<String> uploaded =
        upload(
            "models",
            new Tars().folder("model").file("model/weights.pth", "w").bytes(),
            Role.ADMIN);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    JsonNode body = InvokeBodies.MAPPER.readTree(uploaded.body());
    Path path = Path.of(body.path("path").asText());
    assertThat(path).startsWith(workspace.resolve("artifacts/models")).endsWith(Path.of("model"));
    assertThat(path.resolve("weights.pth")).hasContent("w");

    HttpResponse<String> model = post("/models", "{\"name\": \"m\", \"path\": \"" + path + "\"}");
    assertThat(model.statusCode()).as(model.body()).isEqualTo(201);
    assertThat(InvokeBodies.MAPPER.readTree(model.body()).path("path").asText())
        .as("stored once: the model is the upload's copy")
        .isEqualTo(path.getParent().toString());
    assertThat(workspace.resolve("artifacts/tmp")).isEmptyDirectory();
  }

  @Test
  void dotDotAbsoluteAndLinkEntriesGet400NamingTheEntryAndNothingIsWritten() throws Exception {
    Path outside = tmp.resolve("escaped.txt");
    byte[][] crafted = {
      new Tars().folder("data").file("data/../x", "escaped").bytes(),
      new Tars().file("../x", "escaped").bytes(),
      new Tars().file(outside.toString(), "escaped").bytes(),
      new Tars()
          .folder("data")
          .link("data/etc", tmp.toString(), false)
          .file("data/etc/escaped.txt", "escaped")
          .bytes(),
      new Tars().folder("data").link("data/passwd", outside.toString(), true).bytes()
    };
    String[] named = {
      "entry 'data/../x' holds '..'",
      "entry '../x' holds '..'",
      "entry '" + outside + "' is an absolute name",
      "entry 'data/etc' is a symbolic link",
      "entry 'data/passwd' is a hard link"
    };
    for (int i = 0; i < crafted.length; i++) {
      HttpResponse<String> response = upload("data", crafted[i], Role.ADMIN);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      JsonNode error = InvokeBodies.MAPPER.readTree(response.body()).path("error");
      assertThat(error.path("code").asText()).isEqualTo("BadRequest");
      assertThat(error.path("message").asText()).contains(named[i]);
    }
    assertThat(outside).doesNotExist();
    assertThat(tmp.resolve("x")).doesNotExist();
    assertThat(workspace.resolve("x")).doesNotExist();
    assertThat(workspace.resolve("artifacts/x")).doesNotExist();
    assertThat(stored()).as("nothing stored, no staging folder left").isEmpty();
  }

  @Test
  void modelsAndCodeNeedAnAdminDataAnInvokerAndAReaderMayNotUpload() throws Exception {
    byte[] archive = new Tars().file("code/score.py", "def run(b): return b").bytes();
    assertThat(upload("code", archive, null).statusCode()).isEqualTo(401);
    assertThat(upload("data", archive, null).statusCode()).isEqualTo(401);
    for (Role role : List.of(Role.READER, Role.INVOKER)) {
      for (String kind : List.of("code", "models")) {
        HttpResponse<String> response = upload(kind, archive, role);
        assertThat(response.statusCode()).as(role.wireName() + " " + kind).isEqualTo(403);
        assertThat(response.body()).contains("role admin");
      }
    }
    HttpResponse<String> readersData = upload("data", archive, Role.READER);
    assertThat(readersData.statusCode()).isEqualTo(403);
    assertThat(readersData.body()).contains("role invoker");
    assertThat(stored()).isEmpty();
    HttpResponse<String> invokersData = upload("data", archive, Role.INVOKER);
    assertThat(invokersData.statusCode()).as(invokersData.body()).isEqualTo(201);
    assertThat(InvokeBodies.MAPPER.readTree(invokersData.body()).path("kind").asText())
        .isEqualTo("data");
    assertThat(upload("code", archive, Role.ADMIN).statusCode()).isEqualTo(201);
    assertThat(upload("weights", archive, Role.ADMIN).statusCode()).isEqualTo(404);
  }

  @Test
  void anUploadOverTheLimitAsSentOrUnpackedGets413AndLeavesNothing() throws Exception {
    byte[] noise = new byte[(int) LIMIT + 1];
    new Random(7).nextBytes(noise);
    HttpResponse<String> sent = upload("data", noise, Role.ADMIN);
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(413);
    assertThat(sent.body()).contains("ContentTooLarge").contains(String.valueOf(LIMIT));

    byte[] bomb = new Tars().file("data/zeros.bin", new byte[(int) LIMIT * 4]).bytes();
    assertThat(bomb.length).isLessThan((int) LIMIT / 8);
    HttpResponse<String> unpacked = upload("data", bomb, Role.ADMIN);
    assertThat(unpacked.statusCode()).as(unpacked.body()).isEqualTo(413);
    assertThat(stored()).isEmpty();

    byte[] half = new byte[(int) LIMIT / 2];
    new Random(8).nextBytes(half);
    byte[] archive = new Tars().file("data/noise.bin", half).bytes();
    assertThat((long) archive.length).as("over the limit of JSON bodies").isGreaterThan(JSON_LIMIT);
    HttpResponse<String> within = upload("data", archive, Role.ADMIN);
    assertThat(within.statusCode()).as(within.body()).isEqualTo(201);
  }

  @Test
  void scoringUrisNameThePublicUrlOrAReachableHostNeverAWildcard() {
    ServerOptions wildcard = new ServerOptions("0.0.0.0", 8765, null, null, 1 << 20);
    assertThat(ApiServer.publicAddress(wildcard, 8765))
        .doesNotContain("0.0.0.0")
        .startsWith("http://")
        .endsWith(":8765");
    assertThat(ApiServer.publicAddress(new ServerOptions("::", 8765, null, null, 1 << 20), 8765))
        .doesNotContain("[::]");
    assertThat(ApiServer.publicAddress(new ServerOptions("::1", 0, null, null, 1 << 20), 8765))
        .isEqualTo("http://[::1]:8765");
    ServerOptions proxied =
        new ServerOptions(
            "0.0.0.0", 8765, null, null, 1 << 20, LIMIT, "https://batch.example.test/ml/");
    assertThat(ApiServer.publicAddress(proxied, 8765)).isEqualTo("https://batch.example.test/ml");
    assertThat(server.publicAddress()).isEqualTo(server.address());
  }
}
