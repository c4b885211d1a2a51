package io.batchscore.service.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.service.auth.Role;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret-looking environment values, from the deployment file ({@code HF_TOKEN}) and from a job's
 * {@code --set environment_variables.API_KEY}, on a served workspace (REST, studio, its runner,
 * the SQLite database) with a job canceled and resumed: no file a reader can fetch and nothing a
 * reader is shown (REST documents, the stored YAML, the job's log, its output folder, the studio's
 * pages and zip, the CLI) holds them, while the non-secret {@code PLAIN: visible} still shows.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretValuesTest {

  private static final String TOKEN = "hf_do_not_show_1";
  private static final String KEY = "key_do_not_show_2";

  /** The workspace files that must hold the deployment's secret: its database, the driver's input. */
  private static final Set<String> KEEPERS =
      Set.of("workspace.db", "workspace.db-wal", "workspace.db-shm", "deployment.yml");

  @TempDir static Path tmp;
  StudioServer studio;
  String job;

  @BeforeAll
  void runAJobWithSecrets() throws Exception {
    studio = new StudioServer(tmp);
    Path deployment = studio.ws.cloud().resolve("deployment.yml");
    Files.writeString(
        deployment,
        "# the token comes from the team's vault\n"
            + Files.readString(deployment)
            + """
        environment_variables:
          HF_TOKEN: %s   # rotated monthly
          PLAIN: visible
        """
                .formatted(TOKEN));
    studio.ws.deploySeed();
    job =
        studio.ws.ok(
            "batch-endpoint",
            "invoke",
            "--name",
            "endpoint-batch",
            "--input",
            studio.ws.root().resolve("sample-request").toString(),
            "--set",
            "environment_variables.API_KEY=" + KEY,
            "--set",
            "environment_variables.CHAOS_DELAY_MS=20",
            "--query",
            "name",
            "-o",
            "tsv");
    // canceled after its first commit, then resumed: the resume checks the digested fingerprint
    Path commits = outputDir().resolve("logs/sys/commits.log");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!(Files.exists(commits) && Files.size(commits) > 0)) {
      assertThat(System.nanoTime()).as("a first commit").isLessThan(end);
      Thread.sleep(50);
    }
    studio.ws.ok("job", "cancel", "-n", job);
    assertThat(studio.ws.await(job, 90)).isEqualTo("Canceled");
    studio.ws.ok("job", "resume", "-n", job);
    assertThat(studio.ws.await(job, 120)).isEqualTo("Completed");
  }

  @AfterAll
  void stop() throws Exception {
    studio.close();
  }

  private Path outputDir() {
    return Path.of(studio.ws.ok("job", "show", "-n", job, "--query", "output_path", "-o", "tsv"));
  }

  @Test
  void theJobRanWithTheSecretsResumedAndTheDriverGotThemOnlyFromItsInputs() throws Exception {
    assertThat(studio.ws.ok("job", "show", "-n", job, "--query", "attempts", "-o", "tsv"))
        .isEqualTo("2");
    assertThat(Files.readAllLines(outputDir().resolve("predictions_pytorch.csv")))
        .hasSize(200)
        .doesNotHaveDuplicates();
    // the driver's deployment file (frozen at invoke) holds the value the scorer gets
    assertThat(
            Files.readString(
                studio.ws.dir().resolve("jobs").resolve(job).resolve("deployment.yml")))
        .contains(TOKEN);
    String driverLog =
        Files.readString(studio.ws.dir().resolve("jobs").resolve(job).resolve("driver.log"));
    assertThat(driverLog)
        .contains("driver started: run")
        .contains("driver resumed: run")
        .contains("--set environment_variables.API_KEY=****")
        .contains("--set environment_variables.CHAOS_DELAY_MS=20")
        .doesNotContain(KEY);
  }

  @Test
  void noFileOfTheWorkspaceOrTheJobFolderHoldsASecretButTheDatabaseAndTheDriversInput()
      throws Exception {
    Map<Path, String> files = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(tmp)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        if (!f.startsWith(studio.ws.cloud()) && !KEEPERS.contains(f.getFileName().toString())) {
          files.put(f, new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
      }
    }
    Path state = outputDir().resolve("logs/sys/job_state.json");
    assertThat(files).containsKey(state).containsKey(outputDir().resolve("logs/sys/job.log"));
    assertThat(files.get(state)).contains("PLAIN=visible").contains("HF_TOKEN=pbkdf2-sha256:");
    files.forEach(
        (f, text) -> assertThat(text).as("%s", f).doesNotContain(TOKEN).doesNotContain(KEY));
  }

  @Test
  void restDocumentsTheStoredYamlAndTheJobsLogShowNoSecret() throws Exception {
    String reader = studio.token(Role.READER);
    String deployment = rest("/endpoints/endpoint-batch/deployments/blue", reader);
    assertThat(deployment).contains("\"PLAIN\":\"visible\"").contains("\"HF_TOKEN\":\"****\"");
    assertThat(rest("/endpoints/endpoint-batch/deployments", reader)).contains("visible");
    String yaml = rest("/endpoints/endpoint-batch/deployments/blue/yaml", reader);
    assertThat(yaml)
        .contains("# the token comes from the team's vault")
        .contains("HF_TOKEN: '****'   # rotated monthly")
        .contains("PLAIN: visible");
    String jobDoc = rest("/jobs/" + job, reader);
    assertThat(jobDoc)
        .contains("\"environment_variables.API_KEY\":\"****\"")
        .contains("\"environment_variables.CHAOS_DELAY_MS\":\"20\"");
    String log = rest("/jobs/" + job + "/log", reader);
    assertThat(log).contains("environment_variables.API_KEY=****");
    String state = rest("/jobs/" + job + "/outputs/logs/sys/job_state.json", reader);
    assertThat(state).contains("PLAIN=visible");
    for (String text :
        List.of(
            deployment,
            yaml,
            jobDoc,
            log,
            state,
            rest("/jobs", reader),
            rest("/endpoints/endpoint-batch/jobs", reader))) {
      assertThat(text).doesNotContain(TOKEN).doesNotContain(KEY);
    }
  }

  @Test
  void studioPagesFilesAndZipShowNoSecret() throws Exception {
    String cookie = studio.signIn(studio.token(Role.READER));
    String endpoint = page("/studio/endpoints/endpoint-batch", cookie);
    assertThat(endpoint).contains("visible");
    String base = "/studio/jobs/" + job;
    for (String text :
        List.of(
            endpoint,
            page(base, cookie),
            page(base + "/logs", cookie),
            page(base + "/view/logs/sys/job_state.json", cookie),
            page(base + "/files/logs/sys/job_state.json", cookie),
            page(base + "/files/logs/sys/job.log", cookie))) {
      assertThat(text).doesNotContain(TOKEN).doesNotContain(KEY);
    }
    HttpResponse<byte[]> zip = studio.getBytes(base + "/outputs.zip", cookie);
    assertThat(zip.statusCode()).isEqualTo(200);
    int entries = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(text).as(e.getName()).doesNotContain(TOKEN).doesNotContain(KEY);
        entries++;
      }
    }
    assertThat(entries).isGreaterThan(3);
  }

  @Test
  void theServiceApiAndTheCliShowNoSecret() {
    assertThat(studio.service.showJob(job).overrides())
        .containsEntry("environment_variables.API_KEY", "****")
        .containsEntry("environment_variables.CHAOS_DELAY_MS", "20");
    String deployment =
        studio.ws.ok(
            "batch-deployment", "show", "--name", "blue", "--endpoint-name", "endpoint-batch");
    assertThat(deployment).contains("visible").contains("****");
    String jobDoc = studio.ws.ok("job", "show", "-n", job);
    assertThat(jobDoc).contains("environment_variables.API_KEY").contains("****");
    String list = studio.ws.ok("job", "list");
    for (String text : List.of(deployment, jobDoc, list)) {
      assertThat(text).doesNotContain(TOKEN).doesNotContain(KEY);
    }
  }

  private String rest(String path, String token) throws Exception {
    HttpResponse<String> r =
        studio.http.send(
            HttpRequest.newBuilder(URI.create(studio.url(path)))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
    return r.body();
  }

  private String page(String path, String cookie) throws Exception {
    HttpResponse<String> r = studio.get(path, cookie);
    assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
    return r.body();
  }
}
