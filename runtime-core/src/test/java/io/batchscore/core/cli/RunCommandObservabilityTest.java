package io.batchscore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --progress} and {@code --metrics-port} of {@code batchscore run}. */
class RunCommandObservabilityTest {

  @TempDir Path tmp;
  private Launcher launcher;

  @BeforeEach
  void setUp() throws IOException {
    launcher = new Launcher(tmp, 40);
  }

  private Launcher.Outcome run(ByteArrayOutputStream err, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "run",
                "--deployment",
                launcher.deployment.toString(),
                "--input",
                launcher.input.toString(),
                "--output",
                tmp.resolve("out").toString(),
                "--progress-seconds",
                "0.1"));
    a.addAll(List.of(extra));
    return Launcher.run(err, a.toArray(String[]::new));
  }

  private Launcher.Outcome run(String... extra) {
    return run(new ByteArrayOutputStream(), extra);
  }

  @Test
  void autoOnARedirectedStderrPrintsPlainLinesAndNoBar() {
    Launcher.Outcome o = run("--set", "environment_variables.ECHO_DELAY_MS=5");
    assertThat(o.code()).isZero();
    assertThat(o.err())
        .doesNotContain("\r")
        .doesNotContain("\u001b")
        .doesNotContain("Scoring")
        .contains("Completed: mini-batches created 10, processed 10; items done 40 of 40");
    assertThat(o.out()).contains("report: " + tmp.resolve("out/logs/report.html"));
    assertThat(tmp.resolve("out/logs/report.html")).exists();
  }

  @Test
  void progressModesAreChosenOnTheCommandLine() {
    Launcher.Outcome none = run("--progress", "none");
    assertThat(none.code()).isZero();
    assertThat(none.err()).doesNotContain("Completed:").doesNotContain("Running:");

    Launcher.Outcome bar = run("--progress=BAR", "--overwrite");
    assertThat(bar.code()).isZero();
    assertThat(bar.err()).contains("\rScoring").contains("40/40");

    Launcher.Outcome bad = run("--progress=fancy");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err())
        .contains("--progress")
        .contains("fancy")
        .contains("auto, bar, plain, none");
  }

  @Test
  void metricsPortServesPrometheusTextWhileTheJobRuns() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CompletableFuture<Launcher.Outcome> job =
        CompletableFuture.supplyAsync(
            () ->
                run(
                    err,
                    "--metrics-port",
                    "0",
                    "--progress",
                    "none",
                    "--set",
                    "environment_variables.ECHO_DELAY_MS=100"));
    Pattern url = Pattern.compile("serving metrics at (http://127\\.0\\.0\\.1:\\d+/metrics)");
    Matcher m = url.matcher("");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!m.reset(err.toString(StandardCharsets.UTF_8)).find() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(m.find(0)).as(err.toString(StandardCharsets.UTF_8)).isTrue();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(m.group(1))).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("batchscore_items_total").contains("batchscore_queue_depth");
    assertThat(job.get(60, TimeUnit.SECONDS).code()).isZero();
  }

  @Test
  void aMetricsPortInUseCannotStart() throws Exception {
    try (ServerSocket taken =
        new ServerSocket(0, 1, java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      Launcher.Outcome o = run("--metrics-port", Integer.toString(taken.getLocalPort()));
      assertThat(o.code()).isEqualTo(2);
      assertThat(o.err()).contains("--metrics-port " + taken.getLocalPort());
    }
  }
}
