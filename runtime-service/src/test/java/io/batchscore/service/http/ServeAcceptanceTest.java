package io.batchscore.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchscore.service.auth.LocalTokens;
import io.batchscore.service.auth.Role;
import io.batchscore.service.auth.SigningKey;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
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
 * {@code batchscore serve} in a child JVM on a free loopback port, a real SQLite workspace, jobs
 * run by real driver processes: the issue's acceptance, load and fault tests over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ServeAcceptanceTest {

  private ServedWorkspace served;
  private LocalTokens.Issued invoker;
  private final List<String> tokensUsed = new ArrayList<>();
  private String revokedToken;

  @BeforeAll
  void serve(@TempDir Path tmp) throws Exception {
    served = new ServedWorkspace(tmp, 4);
    served.start();
    served.deploySeed();
    invoker = served.issue(Role.INVOKER, "ann@team");
    tokensUsed.add(invoker.token());
  }

  @AfterAll
  void stop() throws Exception {
    if (served != null) {
      served.close();
    }
  }

  private HttpResponse<String> invoke(String token, String body, String... headers)
      throws Exception {
    return served.send("POST", "/endpoints/endpoint-batch/jobs", token, body, headers);
  }

  private void awaitRunning(String job) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!served
        .ok("GET", "/jobs/" + job, invoker.token(), null)
        .path("properties")
        .path("status")
        .asText()
        .equals("Running")) {
      assertThat(System.nanoTime()).as("job %s running within 60 s", job).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  @Order(1)
  void theSeedsCurlInvokeWithAnInvokerTokenEndsWith200PredictionsAtTheNamedPath() throws Exception {
    String body = InvokeBodiesTest.seedBody("dataset-invoke-batch", "1", "endpoint-batch");
    String scoringUri =
        served
            .ok("GET", "/endpoints/endpoint-batch", invoker.token(), null)
            .path("scoring_uri")
            .asText();
    assertThat(scoringUri).isEqualTo(served.address() + "/endpoints/endpoint-batch/jobs");
    assertThat(served.address())
        .as("serve binds to loopback by default")
        .startsWith("http://127.0.0.1:");

    assertThat(invoke(null, body).statusCode()).isEqualTo(401);
    String reader = served.token(Role.READER);
    tokensUsed.add(reader);
    assertThat(invoke(reader, body).statusCode()).isEqualTo(403);

    HttpResponse<String> accepted = invoke(invoker.token(), body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    JsonNode job = InvokeBodies.MAPPER.readTree(accepted.body());
    assertThat(job.path("name").asText()).startsWith("batchjob-");
    assertThat(job.path("id").asText()).endsWith(job.path("name").asText());
    assertThat(job.path("properties").path("status").asText()).isIn("Queued", "Running");

    JsonNode done = served.await(job.path("name").asText(), invoker.token(), 120);
    assertThat(done.path("properties").path("status").asText())
        .as(done.toString())
        .isEqualTo("Completed");
    assertThat(done.path("properties").path("created_by").asText()).isEqualTo("ann@team");
    Path predictions =
        served.dir.resolve(
            "datastores/workspaceblobstore/endpoint-batch/batch-endpoint-output.csv");
    assertThat(Files.readAllLines(predictions)).hasSize(200);
    assertThat(predictions.resolveSibling("logs"))
        .as("the logs stay in the job's folder")
        .doesNotExist();
    Path jobFolder =
        served
            .dir
            .resolve("datastores/workspaceblobstore/azureml")
            .resolve(job.path("name").asText())
            .resolve("score");
    assertThat(jobFolder.resolve("logs/job_result.txt")).exists();
    assertThat(predictions.resolveSibling(".batch-endpoint-output.csv.partial")).doesNotExist();

    HttpResponse<String> again = invoke(invoker.token(), body);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
    assertThat(again.body()).contains("batch-endpoint-output.csv");
  }

  @Test
  @Order(2)
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void fiftyConcurrentInvokesGetDistinctJobsThatAllComplete() throws Exception {
    String body =
        "{\"properties\": {\"dataset\": {\"dataInputType\": \"DatasetVersion\","
            + " \"datasetName\": \"one-image\", \"datasetVersion\": \"1\",},},}";
    ExecutorService pool = Executors.newFixedThreadPool(50);
    List<Future<HttpResponse<String>>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        calls.add(pool.submit(() -> invoke(invoker.token(), body)));
      }
      Set<String> names = new HashSet<>();
      for (Future<HttpResponse<String>> call : calls) {
        HttpResponse<String> response = call.get(60, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        names.add(InvokeBodies.MAPPER.readTree(response.body()).path("name").asText());
      }
      assertThat(names).hasSize(50);
      for (String name : names) {
        assertThat(
                served.await(name, invoker.token(), 540).path("properties").path("status").asText())
            .isEqualTo("Completed");
      }
      JsonNode listed = served.ok("GET", "/endpoints/endpoint-batch/jobs", invoker.token(), null);
      Set<String> listedNames = new HashSet<>();
      listed.forEach(j -> listedNames.add(j.path("name").asText()));
      assertThat(listedNames).containsAll(names);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Order(3)
  void aThousandStatusPollsFromEightThreadsWhileAJobRunsWithoutTheClientsToken() throws Exception {
    HttpResponse<String> accepted =
        invoke(
            invoker.token(),
            "{\"properties\": {\"dataset\": {\"datasetName\": \"dataset-invoke-batch\"}}}",
            JobRoutes.DEPLOYMENT_HEADER,
            "slow");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String name = InvokeBodies.MAPPER.readTree(accepted.body()).path("name").asText();
    awaitRunning(name);
    // the job is Running from its claim on; its driver process starts a moment later
    List<String> drivers = served.childEnvironments();
    for (int i = 0; i < 300 && drivers.isEmpty(); i++) {
      Thread.sleep(20);
      drivers = served.childEnvironments();
    }
    assertThat(drivers).as("the running job's driver process").isNotEmpty();
    assertThat(drivers)
        .allSatisfy(
            env ->
                assertThat(env)
                    .contains("PATH=")
                    .doesNotContain("BATCHSCORE_TOKEN=")
                    .doesNotContain("client-token-must-not-reach-jobs"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger answered = new AtomicInteger();
    List<Future<?>> pollers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      pollers.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 125; i++) {
                  HttpResponse<String> poll =
                      served.send("GET", "/jobs/" + name, invoker.token(), null);
                  assertThat(poll.statusCode()).isEqualTo(200);
                  assertThat(poll.body()).contains("\"status\"");
                  answered.incrementAndGet();
                }
                return null;
              }));
    }
    for (Future<?> poller : pollers) {
      poller.get(120, TimeUnit.SECONDS);
    }
    pool.shutdownNow();
    assertThat(answered.get()).isEqualTo(1000);
    JsonNode done = served.await(name, invoker.token(), 120);
    assertThat(done.path("properties").path("status").asText()).isEqualTo("Completed");
    assertThat(done.path("properties").path("deployment_name").asText()).isEqualTo("slow");
    assertThat(done.toString()).doesNotContain("hf_do_not_show");
  }

  @Test
  @Order(4)
  void secretLookingEnvironmentValuesAreMaskedInTheDeploymentDocument() throws Exception {
    JsonNode slow =
        served.ok("GET", "/endpoints/endpoint-batch/deployments/slow", invoker.token(), null);
    assertThat(slow.toString()).doesNotContain("hf_do_not_show").contains("CHAOS_DELAY_MS");
    assertThat(slow.findValue("HF_TOKEN").asText()).isEqualTo("****");
    ServedWorkspace.Cli local =
        served.cli(
            Map.of(),
            "batch-deployment",
            "show",
            "--workspace",
            served.dir.toString(),
            "--endpoint-name",
            "endpoint-batch",
            "--name",
            "slow");
    assertThat(local.status()).as(local.err()).isZero();
    assertThat(local.out()).doesNotContain("hf_do_not_show").contains("\"HF_TOKEN\" : \"****\"");
  }

  @Test
  @Order(5)
  void metricsCountJobsByStateAndRequestsByRoute() throws Exception {
    String reader = served.token(Role.READER);
    tokensUsed.add(reader);
    String metrics = served.send("GET", "/metrics", reader, null).body();
    assertThat(metrics)
        .containsPattern("batchscore_jobs\\{state=\"Completed\"} [1-9]")
        .contains("batchscore_queue_depth")
        .contains("route=\"/endpoints/{name}/jobs\",status=\"202\"");
  }

  @Test
  @Order(6)
  void requestPathsOutsideTheAllowedRootsAreRefusedNamingTheRule() throws Exception {
    String outside =
        "{\"properties\": {\"inputData\": {\"in\": {\"uri\": \"%s\","
            + " \"jobInputType\": \"UriFolder\"}}}}";
    HttpResponse<String> etc = invoke(invoker.token(), outside.formatted("/etc"));
    assertThat(etc.statusCode()).isEqualTo(403);
    assertThat(etc.body()).contains("outside the allowed roots");
    HttpResponse<String> climb =
        invoke(invoker.token(), outside.formatted(served.root + "/sample-request/../../.."));
    assertThat(climb.statusCode()).isEqualTo(403);
    assertThat(climb.body()).contains("'..'");
    Files.createSymbolicLink(served.root.resolve("escape"), Path.of("/etc"));
    HttpResponse<String> link =
        invoke(invoker.token(), outside.formatted(served.root.resolve("escape")));
    assertThat(link.statusCode()).isEqualTo(403);
    assertThat(link.body()).contains("symbolic link");
    HttpResponse<String> datastore =
        invoke(
            invoker.token(),
            outside.formatted("azureml://datastores/workspaceblobstore/paths/../../../etc"));
    assertThat(datastore.statusCode()).isEqualTo(403);
    HttpResponse<String> model =
        served.send(
            "POST",
            "/models",
            served.token(Role.ADMIN),
            "{\"name\": \"stolen\", \"path\": \"/etc/passwd\"}");
    assertThat(model.statusCode()).isEqualTo(403);
    assertThat(model.body()).contains("path").contains("outside the allowed roots");
    HttpResponse<String> inside =
        invoke(invoker.token(), outside.formatted(served.root.resolve("sample-request")));
    assertThat(inside.statusCode()).as(inside.body()).isEqualTo(202);
    served.await(
        InvokeBodies.MAPPER.readTree(inside.body()).path("name").asText(), invoker.token(), 120);
  }

  @Test
  @Order(7)
  void badRequestsGetJsonErrorsNamingTheFieldOrResource() throws Exception {
    HttpResponse<String> malformed = invoke(invoker.token(), "{\"properties\": {");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("body: not valid JSON");
    HttpResponse<String> unknownData =
        invoke(invoker.token(), InvokeBodiesTest.seedBody("no-such-data", "1", "x"));
    assertThat(unknownData.statusCode()).isEqualTo(404);
    assertThat(unknownData.body()).contains("no-such-data");
    HttpResponse<String> unknownEndpoint =
        served.send(
            "POST",
            "/endpoints/nope/jobs",
            invoker.token(),
            InvokeBodiesTest.seedBody("dataset-invoke-batch", "1", "y"));
    assertThat(unknownEndpoint.statusCode()).isEqualTo(404);
    assertThat(unknownEndpoint.body()).contains("nope");
    HttpResponse<String> unknownDeployment =
        invoke(
            invoker.token(),
            InvokeBodiesTest.seedBody("dataset-invoke-batch", "1", "z"),
            JobRoutes.DEPLOYMENT_HEADER,
            "green");
    assertThat(unknownDeployment.statusCode()).isEqualTo(404);
    assertThat(unknownDeployment.body()).contains("green");
  }

  @Test
  @Order(8)
  void anAdminRevokesATokenOverRestAndItIsRefusedAtOnce() throws Exception {
    LocalTokens.Issued doomed = served.issue(Role.READER, "leaver");
    tokensUsed.add(doomed.token());
    assertThat(served.send("GET", "/jobs", doomed.token(), null).statusCode()).isEqualTo(200);
    assertThat(served.send("DELETE", "/tokens/" + doomed.id(), invoker.token(), null).statusCode())
        .isEqualTo(403);
    String admin = served.token(Role.ADMIN);
    tokensUsed.add(admin);
    assertThat(served.send("DELETE", "/tokens/" + doomed.id(), admin, null).statusCode())
        .isEqualTo(200);
    assertThat(served.send("GET", "/jobs", doomed.token(), null).statusCode()).isEqualTo(401);
    revokedToken = doomed.token();
  }

  @Test
  @Order(9)
  void aServerSigkilledMidJobKeepsJobsAndTokensAndTheJobStillCompletes() throws Exception {
    HttpResponse<String> accepted =
        invoke(
            invoker.token(),
            "{\"properties\": {\"dataset\": {\"datasetName\": \"dataset-invoke-batch\"}}}",
            JobRoutes.DEPLOYMENT_HEADER,
            "slow");
    String name = InvokeBodies.MAPPER.readTree(accepted.body()).path("name").asText();
    awaitRunning(name);
    int jobsBefore = served.ok("GET", "/jobs", invoker.token(), null).size();
    served.kill();
    served.start();
    JsonNode jobs = served.ok("GET", "/jobs", invoker.token(), null);
    assertThat(jobs.size()).isEqualTo(jobsBefore);
    assertThat(revokedToken).as("order 8 revoked a token").isNotNull();
    assertThat(served.send("GET", "/jobs", revokedToken, null).statusCode())
        .as("a token revoked before the crash stays revoked")
        .isEqualTo(401);
    JsonNode done = served.await(name, invoker.token(), 180);
    assertThat(done.path("properties").path("status").asText())
        .as(done.toString())
        .isEqualTo("Completed");
    Path predictions =
        Path.of(done.path("properties").path("output_path").asText()).resolve("predictions.csv");
    assertThat(Files.readAllLines(predictions)).hasSize(200);
  }

  @Test
  @Order(10)
  void theCliWorksAgainstTheServerWithTheTokenFromTheEnvironmentOrACredentialsFile()
      throws Exception {
    Map<String, String> asInvoker =
        Map.of("BATCHSCORE_URL", served.address(), "BATCHSCORE_TOKEN", invoker.token());
    ServedWorkspace.Cli uri =
        served.cli(
            asInvoker,
            "batch-endpoint",
            "show",
            "--name",
            "endpoint-batch",
            "--query",
            "scoring_uri",
            "-o",
            "tsv");
    assertThat(uri.status()).as(uri.err()).isZero();
    assertThat(uri.out()).isEqualTo(served.address() + "/endpoints/endpoint-batch/jobs");

    ServedWorkspace.Cli invoked =
        served.cli(
            asInvoker,
            "batch-endpoint",
            "invoke",
            "--name",
            "endpoint-batch",
            "--input",
            "azureml:one-image:1",
            "--mini-batch-size",
            "1",
            "--query",
            "name",
            "-o",
            "tsv");
    assertThat(invoked.status()).as(invoked.err()).isZero();
    String job = invoked.out();
    JsonNode done = served.await(job, invoker.token(), 180);
    assertThat(done.path("properties").path("created_by").asText()).isEqualTo("ann@team");
    assertThat(done.path("properties").path("overrides").path("mini_batch_size").asText())
        .isEqualTo("1");
    ServedWorkspace.Cli status =
        served.cli(
            Map.of("BATCHSCORE_TOKEN", invoker.token()),
            "job",
            "show",
            "--url",
            served.address(),
            "-n",
            job,
            "--query",
            "status",
            "-o",
            "tsv");
    assertThat(status.out()).as(status.err()).isEqualTo("Completed");
    Path download = served.root.resolve("download");
    ServedWorkspace.Cli downloaded =
        served.cli(asInvoker, "job", "download", "-n", job, "--download-path", download.toString());
    assertThat(downloaded.status()).as(downloaded.err()).isZero();
    assertThat(download.resolve("named-outputs/score/predictions.csv")).exists();

    String reader = served.token(Role.READER);
    tokensUsed.add(reader);
    Path credentials = served.root.resolve("credentials");
    Files.writeString(credentials, reader + "\n");
    Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> fromFile =
        Map.of(
            "BATCHSCORE_URL", served.address(), "BATCHSCORE_CREDENTIALS", credentials.toString());
    ServedWorkspace.Cli denied =
        served.cli(
            fromFile,
            "batch-endpoint",
            "invoke",
            "--name",
            "endpoint-batch",
            "--input",
            "azureml:one-image:1");
    assertThat(denied.status()).isEqualTo(2);
    assertThat(denied.err()).contains("role invoker").doesNotContain(reader);
    assertThat(served.cli(fromFile, "job", "list", "--query", "length(@)").status()).isZero();

    Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-r--r--"));
    ServedWorkspace.Cli open = served.cli(fromFile, "job", "list");
    assertThat(open.status()).isEqualTo(2);
    assertThat(open.err()).contains("readable by others").doesNotContain(reader);
    ServedWorkspace.Cli none =
        served.cli(
            Map.of(
                "BATCHSCORE_URL",
                served.address(),
                "BATCHSCORE_CREDENTIALS",
                served.root.resolve("missing").toString()),
            "job",
            "list");
    assertThat(none.status()).isEqualTo(2);
    assertThat(none.err()).contains("no token");
    ServedWorkspace.Cli refused =
        served.cli(
            Map.of("BATCHSCORE_URL", served.address(), "BATCHSCORE_TOKEN", "not-a-token"),
            "job",
            "list");
    assertThat(refused.status()).isEqualTo(2);
    assertThat(refused.err()).contains("refused the token").doesNotContain("not-a-token");
  }

  @Test
  @Order(11)
  void noTokenAppearsInTheServersLogOrAnyFileOfTheWorkspace() throws Exception {
    String log = served.serverLog();
    assertThat(log).contains("POST /endpoints/endpoint-batch/jobs 202");
    List<String> secrets = new ArrayList<>(tokensUsed);
    secrets.add("client-token-must-not-reach-jobs");
    // the signing key, in every text form it could be printed in
    byte[] key = Files.readAllBytes(SigningKey.file(served.dir));
    secrets.add(java.util.Base64.getEncoder().encodeToString(key));
    secrets.add(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(key));
    secrets.add(java.util.HexFormat.of().formatHex(key));
    secrets.add(java.util.HexFormat.of().withUpperCase().formatHex(key));
    secrets.add(new String(key, StandardCharsets.ISO_8859_1));
    for (String token : secrets) {
      assertThat(log).doesNotContain(token);
    }
    assertThat(tokensUsed).hasSizeGreaterThan(4);
    try (Stream<Path> files = Files.walk(served.dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (file.getFileName().toString().equals("signing.key")) {
          continue;
        }
        String text;
        try {
          text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException gone) {
          continue;
        }
        for (String token : secrets) {
          assertThat(text).as(file.toString()).doesNotContain(token);
        }
      }
    }
  }

  @Test
  @Order(12)
  void sigtermStopsTheServerWhileItsRunningJobGoesOnAndIsAdoptedLater() throws Exception {
    HttpResponse<String> accepted =
        invoke(
            invoker.token(),
            "{\"properties\": {\"dataset\": {\"datasetName\": \"dataset-invoke-batch\"}}}",
            JobRoutes.DEPLOYMENT_HEADER,
            "slow");
    String name = InvokeBodies.MAPPER.readTree(accepted.body()).path("name").asText();
    awaitRunning(name);
    assertThat(served.terminate()).as("exit status after SIGTERM").isIn(0, 143);
    served.start();
    JsonNode done = served.await(name, invoker.token(), 180);
    assertThat(done.path("properties").path("status").asText())
        .as(done.toString())
        .isEqualTo("Completed");
    assertThat(
            Files.readAllLines(
                Path.of(done.path("properties").path("output_path").asText())
                    .resolve("predictions.csv")))
        .hasSize(200);
  }

  @Test
  @Order(13)
  void anInvokerCancelsAndResumesAJobOverRestAReaderMayOnlyReadItsLog() throws Exception {
    HttpResponse<String> accepted =
        invoke(
            invoker.token(),
            "{\"properties\": {\"dataset\": {\"datasetName\": \"dataset-invoke-batch\"}}}",
            JobRoutes.DEPLOYMENT_HEADER,
            "slow");
    String name = InvokeBodies.MAPPER.readTree(accepted.body()).path("name").asText();
    awaitRunning(name);
    String reader = served.token(Role.READER);
    tokensUsed.add(reader);
    assertThat(served.send("POST", "/jobs/" + name + "/cancel", reader, null).statusCode())
        .as("a reader may not cancel")
        .isEqualTo(403);
    served.ok("POST", "/jobs/" + name + "/cancel", invoker.token(), null);
    JsonNode canceled = served.await(name, reader, 120);
    assertThat(canceled.path("properties").path("status").asText()).isEqualTo("Canceled");

    assertThat(served.send("POST", "/jobs/" + name + "/resume", reader, null).statusCode())
        .as("a reader may not resume")
        .isEqualTo(403);
    served.ok("POST", "/jobs/" + name + "/resume", invoker.token(), null);
    JsonNode done = served.await(name, reader, 180);
    assertThat(done.path("properties").path("status").asText())
        .as(done.toString())
        .isEqualTo("Completed");
    assertThat(
            Files.readAllLines(
                Path.of(done.path("properties").path("output_path").asText())
                    .resolve("predictions.csv")))
        .hasSize(200);

    JsonNode log = served.ok("GET", "/jobs/" + name + "/log", reader, null);
    // two drivers: the canceled one, and the one resumed (from the start when the first had
    // not yet written its state)
    assertThat(log.path("text").asText().lines())
        .filteredOn(l -> l.matches("batchscore: driver (started|resumed): run .*"))
        .hasSize(2);
    assertThat(log.path("status").asText()).isEqualTo("Completed");
  }
}
