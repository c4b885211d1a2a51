package io.batchscore.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchscore.service.auth.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's side of the REST API, as the README shows it: {@code
 * examples/fashion-mnist/endpoint/invoke.sh} (the seed's {@code rest/invoke.sh}: a token from
 * {@code token create}, the scoring URI from {@code batch-endpoint show}, a {@code curl} POST)
 * run by bash against {@code batchscore serve}, and the {@code token create|revoke} verbs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class InvokeScriptTest {

  private static final Path SCRIPT =
      Path.of("..", "examples", "fashion-mnist", "endpoint", "invoke.sh")
          .toAbsolutePath()
          .normalize();

  private ServedWorkspace served;
  private Path launcher;

  @BeforeAll
  void serve(@TempDir Path tmp) throws Exception {
    requireCurl();
    served = new ServedWorkspace(tmp, 2);
    served.start();
    served.deploySeed();
    // what the script calls as "batchscore": this build's CLI, as bin/batchscore runs it
    launcher = tmp.resolve("batchscore");
    Files.writeString(
        launcher,
        "#!/bin/sh\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' -XX:TieredStopAtLevel=1 -Xmx256m -cp '"
            + System.getProperty("java.class.path")
            + "' io.batchscore.core.cli.BatchScoreCommand \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
  }

  @AfterAll
  void stop() throws Exception {
    if (served != null) {
      served.close();
    }
  }

  private static void requireCurl() {
    boolean present = Files.isExecutable(Path.of("/usr/bin/curl"));
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("curl is missing (apt-get install curl): .ci/run installs it");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(present, "no /usr/bin/curl: test skipped");
  }

  @Test
  void theSeedsInvokeScriptStartsAJobThatCompletesWith200PredictionsAtTheNamedFile()
      throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("bash", SCRIPT.toString())
            .redirectError(served.root.resolve("invoke.err").toFile())
            .directory(served.root.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("BATCHSCORE_"));
    builder.environment().put("BATCHSCORE", launcher.toString());
    builder.environment().put("BATCHSCORE_WORKSPACE", served.dir.toString());
    Process script = builder.start();
    String printed;
    try {
      assertThat(script.waitFor(120, TimeUnit.SECONDS)).as("invoke.sh ended").isTrue();
      printed = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      script.destroyForcibly();
    }
    assertThat(script.exitValue())
        .as(
            "invoke.sh's exit status; it printed:\n%s\n%s",
            printed, Files.readString(served.root.resolve("invoke.err")))
        .isZero();

    // curl printed the job the server accepted, in the cloud's shape
    JsonNode job = InvokeBodies.MAPPER.readTree(printed.strip());
    String name = job.path("name").asText();
    assertThat(name).as(printed).startsWith("batchjob-");
    assertThat(job.path("properties").path("status").asText()).isIn("Queued", "Running");

    String reader = served.token(Role.READER);
    JsonNode done = served.await(name, reader, 120);
    assertThat(done.path("properties").path("status").asText())
        .as(done.toString())
        .isEqualTo("Completed");
    Path predictions =
        served.dir.resolve(
            "datastores/workspaceblobstore/endpoint-batch/batch-endpoint-output.csv");
    assertThat(Files.readAllLines(predictions)).hasSize(200);
    // the token the script made is an invoker's, made by the user running it
    assertThat(done.path("properties").path("created_by").asText())
        .isEqualTo(System.getProperty("user.name"));
  }

  @Test
  void tokenCreateGivesATokenOfTheRoleAndLifetimeAskedForAndTokenRevokeShutsItOut()
      throws Exception {
    ServedWorkspace.Cli created =
        tokenCreate("--role", "reader", "--expires", "30m", "--subject", "rita@team");
    assertThat(created.status()).as(created.err()).isZero();
    JsonNode doc = InvokeBodies.MAPPER.readTree(created.out());
    String token = doc.path("accessToken").asText();
    String id = doc.path("id").asText();
    assertThat(doc.path("role").asText()).isEqualTo("reader");
    assertThat(doc.path("subject").asText()).isEqualTo("rita@team");

    JsonNode claims =
        InvokeBodies.MAPPER.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    assertThat(claims.path("jti").asText()).isEqualTo(id);
    long lifetime = claims.path("exp").asLong() - Instant.now().getEpochSecond();
    assertThat(Duration.ofSeconds(lifetime))
        .isBetween(Duration.ofMinutes(28), Duration.ofMinutes(30));

    assertThat(served.send("GET", "/jobs", token, null).statusCode()).isEqualTo(200);
    assertThat(served.send("POST", "/endpoints", token, "{\"name\": \"e2\"}").statusCode())
        .as("a reader may not create")
        .isEqualTo(403);

    ServedWorkspace.Cli revoked =
        served.cli(Map.of(), "token", "revoke", "--workspace", served.dir.toString(), "--id", id);
    assertThat(revoked.status()).as(revoked.err()).isZero();
    assertThat(served.send("GET", "/jobs", token, null).statusCode())
        .as("the running server refuses a revoked token")
        .isEqualTo(401);

    // tsv with a query prints the bare token, as invoke.sh reads it
    ServedWorkspace.Cli tsv =
        tokenCreate("--role", "invoker", "--query", "accessToken", "-o", "tsv");
    assertThat(tsv.status()).as(tsv.err()).isZero();
    assertThat(tsv.out()).doesNotContain("\"").matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    assertThat(served.send("GET", "/jobs", tsv.out(), null).statusCode()).isEqualTo(200);

    for (List<String> bad :
        List.of(List.of("--role", "owner"), List.of("--role", "reader", "--expires", "8 hours"))) {
      ServedWorkspace.Cli refused = tokenCreate(bad.toArray(String[]::new));
      assertThat(refused.status()).as(String.join(" ", bad)).isEqualTo(2);
      assertThat(refused.out()).isEmpty();
      assertThat(refused.err().strip())
          .startsWith("batchscore: ")
          .contains(bad.get(bad.size() - 1))
          .doesNotContain("\n");
    }
  }

  /** {@code batchscore token create --workspace WS OPTIONS} in a child JVM. */
  private ServedWorkspace.Cli tokenCreate(String... options) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("token", "create", "--workspace"));
    args.add(served.dir.toString());
    args.addAll(List.of(options));
    return served.cli(Map.of(), args.toArray(String[]::new));
  }
}
