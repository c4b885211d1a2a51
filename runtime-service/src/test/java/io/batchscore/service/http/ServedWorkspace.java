package io.batchscore.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchscore.examples.chaos.ChaosScorer;
import io.batchscore.service.api.WorkspaceService;
import io.batchscore.service.artifacts.ArtifactStore;
import io.batchscore.service.auth.LocalTokens;
import io.batchscore.service.auth.RevokedTokens;
import io.batchscore.service.auth.Role;
import io.batchscore.service.auth.SigningKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workspace served by {@code batchscore serve} in a child JVM on a free loopback port, with the
 * chaos scorer (it reads no file; each row is {@code <file>: ok}) as the seed's deployment, 200
 * sample images and a data asset of them. Every process it starts (the server and the job
 * drivers under it) ends with {@link #close}.
 */
final class ServedWorkspace implements AutoCloseable {

  private static final Pattern ADDRESS = Pattern.compile("serving workspace .* at (http\\S+)");

  final Path root;
  final Path dir;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final LocalTokens tokens;
  private final List<ProcessHandle> started = new ArrayList<>();
  private Process server;
  private String address;
  private String startLine;

  ServedWorkspace(Path root, int maxConcurrentJobs) throws IOException {
    this.root = root;
    this.dir = Files.createDirectories(root.resolve("ws"));
    Path model = Files.createDirectories(root.resolve("model"));
    Files.writeString(model.resolve("weights.pth"), "weights v1");
    Path classes =
        Path.of(ChaosScorer.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    Path code = root.resolve("code");
    ArtifactStore.copyTree(
        classes,
        Files.isDirectory(classes)
            ? code
            : Files.createDirectories(code).resolve(classes.getFileName()));
    Path images = Files.createDirectories(root.resolve("sample-request"));
    for (int i = 0; i < 200; i++) {
      Files.writeString(images.resolve(String.format("img%05d.png", i)), "");
    }
    Files.writeString(Files.createDirectories(root.resolve("one-image")).resolve("img.png"), "");
    try (WorkspaceService ws = WorkspaceService.open(dir, null)) {
      ws.updateSettings(maxConcurrentJobs, null, null);
    }
    tokens =
        new LocalTokens(SigningKey.openOrCreate(dir), new RevokedTokens(dir), Clock.systemUTC());
  }

  /** Starts (or starts again) the server, with more options if given; returns once it listens. */
  void start(String... options) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.batchscore.core.cli.BatchScoreCommand",
                "serve",
                "--workspace",
                dir.toString(),
                "--port",
                "0",
                "--allow-path",
                root.toString()));
    cmd.addAll(List.of(options));
    ProcessBuilder builder =
        new ProcessBuilder(cmd)
            .redirectError(ProcessBuilder.Redirect.appendTo(root.resolve("server.log").toFile()));
    builder.environment().put("BATCHSCORE_TOKEN", "client-token-must-not-reach-jobs");
    // drivers start faster with the client compiler and the serial collector
    builder
        .environment()
        .put("BATCHSCORE_DRIVER_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m");
    server = builder.start();
    started.add(server.toHandle());
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = ADDRESS.matcher(line);
      if (m.find()) {
        address = m.group(1);
        startLine = line;
        return;
      }
    }
    throw new IllegalStateException("server did not start: " + serverLog());
  }

  /** The result of a CLI command run in its own JVM. */
  record Cli(int status, String out, String err) {}

  /**
   * Runs {@code batchscore ARGS} in a child JVM with the given environment additions (and none of
   * this JVM's BATCHSCORE_ variables).
   */
  Cli cli(java.util.Map<String, String> env, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.batchscore.core.cli.BatchScoreCommand"));
    cmd.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(cmd);
    builder.environment().keySet().removeIf(name -> name.startsWith("BATCHSCORE_"));
    builder.environment().putAll(env);
    Path out = Files.createTempFile(root, "cli", ".out");
    Path err = Files.createTempFile(root, "cli", ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    started.add(process.toHandle());
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("batchscore " + String.join(" ", args) + " did not end");
    }
    return new Cli(process.exitValue(), Files.readString(out).strip(), Files.readString(err));
  }

  /** Sends SIGTERM and waits for the server to stop; returns its exit status. */
  int terminate() throws InterruptedException {
    server.descendants().forEach(started::add);
    server.destroy();
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("server stopped on SIGTERM").isTrue();
    return server.exitValue();
  }

  /** SIGKILLs the server (its job drivers live on, as after a crash). */
  void kill() throws InterruptedException {
    server.descendants().forEach(started::add);
    server.destroyForcibly();
    server.waitFor(30, TimeUnit.SECONDS);
  }

  /** @return the environments of the server's child processes (the running drivers) */
  List<String> childEnvironments() throws IOException {
    List<String> environments = new ArrayList<>();
    for (ProcessHandle child : server.descendants().toList()) {
      Path environ = Path.of("/proc", Long.toString(child.pid()), "environ");
      if (Files.isReadable(environ)) {
        environments.add(
            new String(Files.readAllBytes(environ), StandardCharsets.UTF_8).replace('\0', '\n'));
      }
    }
    return environments;
  }

  String address() {
    return address;
  }

  /** @return the line the server printed when it started listening */
  String startLine() {
    return startLine;
  }

  String serverLog() throws IOException {
    Path log = root.resolve("server.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  LocalTokens.Issued issue(Role role, String subject) {
    return tokens.issue(role, subject, Duration.ofHours(1));
  }

  String token(Role role) {
    return issue(role, role.wireName() + "-user").token();
  }

  HttpResponse<String> send(
      String method, String path, String token, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(address + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode ok(String method, String path, String token, String body) throws Exception {
    HttpResponse<String> response = send(method, path, token, body);
    assertThat(response.statusCode())
        .as("%s %s: %s", method, path, response.body())
        .isBetween(200, 299);
    return InvokeBodies.MAPPER.readTree(response.body());
  }

  /**
   * Creates the seed's compute, model, endpoint, default deployment {@code blue} and a second
   * deployment {@code slow} (30 ms per item, with a secret-looking environment variable), and
   * the data assets {@code dataset-invoke-batch} version 1 and {@code one-image}, all over REST.
   */
  void deploySeed() throws Exception {
    String admin = token(Role.ADMIN);
    ok(
        "POST",
        "/computes",
        admin,
        "{\"name\": \"cluster-cpu\", \"type\": \"amlcompute\","
            + " \"min_instances\": 0, \"max_instances\": 4}");
    ok(
        "POST",
        "/models",
        admin,
        "{\"name\": \"model-batch\", \"version\": 1, \"path\": \""
            + root.resolve("model/weights.pth")
            + "\"}");
    ok("POST", "/endpoints", admin, "{\"name\": \"endpoint-batch\", \"auth_mode\": \"aad_token\"}");
    String deployment =
        "{\"name\": \"%s\", \"model\": \"azureml:model-batch@latest\","
            + " \"code_configuration\": {\"code\": \""
            + root.resolve("code")
            + "\","
            + " \"scoring_script\": \"io.batchscore.examples.chaos.ChaosScorer\"},"
            + " \"compute\": \"azureml:cluster-cpu\", \"mini_batch_size\": 10,"
            + " \"output_file_name\": \"predictions.csv\"%s}";
    ok(
        "POST",
        "/endpoints/endpoint-batch/deployments?setDefault=true",
        admin,
        deployment.formatted("blue", ""));
    ok(
        "POST",
        "/endpoints/endpoint-batch/deployments",
        admin,
        deployment.formatted(
            "slow",
            ", \"environment_variables\": {\"CHAOS_DELAY_MS\": \"30\","
                + " \"HF_TOKEN\": \"hf_do_not_show\"}"));
    ok(
        "POST",
        "/data",
        admin,
        "{\"name\": \"dataset-invoke-batch\", \"version\": 1,"
            + " \"type\": \"uri_folder\", \"path\": \""
            + root.resolve("sample-request")
            + "\"}");
    ok(
        "POST",
        "/data",
        admin,
        "{\"name\": \"one-image\", \"type\": \"uri_folder\","
            + " \"path\": \""
            + root.resolve("one-image")
            + "\"}");
  }

  /** Polls a job until it ends; returns its final resource. */
  JsonNode await(String job, String token, int seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      JsonNode resource = ok("GET", "/jobs/" + job, token, null);
      String status = resource.path("properties").path("status").asText();
      if (!status.equals("Queued") && !status.equals("Running")) {
        return resource;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("job " + job + " did not end within " + seconds + " s");
  }

  /** Stops the server with SIGTERM and ends every process started under it. */
  @Override
  public void close() throws Exception {
    if (server != null && server.isAlive()) {
      server.descendants().forEach(started::add);
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
    for (ProcessHandle process : started) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
