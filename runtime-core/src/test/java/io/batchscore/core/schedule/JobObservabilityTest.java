package io.batchscore.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.ScoringJob;
import io.batchscore.core.logs.ProgressMode;
import io.batchscore.core.scorer.ScorerFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole job's observable output: metrics.json and metrics.prom with the issue's meters,
 * report.html with charts, counts and escaped failures, and plain progress lines on a console
 * that is not a terminal.
 */
class JobObservabilityTest {

  @TempDir Path tmp;

  /** Runs 200 items in mini-batches of 5 on 3 workers; item-00042 fails with HTML in its reason. */
  private JobResult runJob(PrintStream console, ProgressMode mode) throws Exception {
    TestJobs.inputFiles(tmp.resolve("in"), 200);
    var d = TestJobs.deployment(tmp, 3, 5, 2, Duration.ofSeconds(30), -1, true, Map.of());
    return ScoringJob.builder(d, tmp.resolve("in"), tmp.resolve("out"))
        .scorerFactory(
            ScorerFactory.of(
                () ->
                    TestJobs.scorer(
                        b -> {
                          Thread.sleep(3);
                          List<String> rows = new ArrayList<>();
                          for (Path f : b.files()) {
                            String name = f.getFileName().toString();
                            if (name.equals("item-00042.txt")) {
                              throw new IllegalArgumentException(
                                  "<script>alert('x')</script> & \"bad\" " + name);
                            }
                            rows.add(name);
                          }
                          return rows;
                        })))
        .console(console)
        .progress(mode)
        .progressEvery(Duration.ofMillis(100))
        .build()
        .run();
  }

  @Test
  void metricsJsonAndPromHoldTheIssuesMeters() throws Exception {
    JobResult r = runJob(null, ProgressMode.NONE);
    assertThat(r.itemsFailed()).isEqualTo(1);

    JsonNode json = new ObjectMapper().readTree(tmp.resolve("out/logs/metrics.json").toFile());
    List<JsonNode> meters = StreamSupport.stream(json.get("meters").spliterator(), false).toList();
    JsonNode succeeded =
        meters.stream()
            .filter(
                m ->
                    m.get("name").asText().equals("batchscore.items")
                        && m.get("tags").get("outcome").asText().equals("succeeded"))
            .findFirst()
            .orElseThrow();
    assertThat(succeeded.get("measurements").get("count").asDouble()).isEqualTo(199.0);
    assertThat(meters)
        .extracting(m -> m.get("name").asText())
        .contains(
            "batchscore.items",
            "batchscore.minibatches",
            "batchscore.minibatch.duration",
            "batchscore.retries",
            "batchscore.timeouts",
            "batchscore.worker.inits",
            "batchscore.worker.busy",
            "batchscore.queue.depth",
            "batchscore.reorder.depth");
    JsonNode timer =
        meters.stream()
            .filter(
                m ->
                    m.get("name").asText().equals("batchscore.minibatch.duration")
                        && m.get("tags").get("outcome").asText().equals("success"))
            .findFirst()
            .orElseThrow();
    assertThat(timer.get("tags").get("device").asText()).isEqualTo("cpu");
    assertThat(timer.get("percentiles").get("0.99").asDouble()).isGreaterThan(0.002);
    long busyWorkers =
        meters.stream()
            .filter(m -> m.get("name").asText().equals("batchscore.worker.busy"))
            .count();
    assertThat(busyWorkers).isEqualTo(3);

    String prom = Files.readString(tmp.resolve("out/logs/metrics.prom"));
    assertThat(prom)
        .contains("batchscore_items_total{outcome=\"succeeded\"} 199.0")
        .contains("batchscore_items_total{outcome=\"failed\"} 1.0")
        .contains(
            "batchscore_minibatch_duration_seconds{device=\"cpu\",outcome=\"success\","
                + "quantile=\"0.99\"}")
        .contains(
            "batchscore_worker_busy_seconds_total{device=\"cpu\",worker=\"node000/process000\"}")
        .contains("batchscore_queue_depth")
        .contains("batchscore_reorder_depth")
        .contains("batchscore_retries_total")
        .contains("batchscore_worker_inits_total");
  }

  @Test
  void reportHtmlIsSelfContainedWithChartsCountsAndEscapedFailures() throws Exception {
    runJob(null, ProgressMode.NONE);
    String html = Files.readString(tmp.resolve("out/logs/report.html"), StandardCharsets.UTF_8);
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-throughput\"")
        .contains("class=\"chart chart-latency\"")
        .contains("class=\"chart chart-utilisation\"")
        .contains("data-count=\"items\">200<")
        .contains("data-count=\"succeeded\">199<")
        .contains("data-count=\"failed\">1<")
        .contains("id=\"status\">Completed<")
        .contains("node000/process002 (cpu)")
        .contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"bad\" item-00042.txt")
        .doesNotContain("<script")
        .doesNotContain("src=")
        .doesNotContain("href=")
        .doesNotContain("url(")
        .doesNotContain("@import")
        .doesNotContain("<link");
  }

  @Test
  void redirectedConsoleGetsPlainLinesWithoutBarControlCharacters() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    runJob(console, ProgressMode.AUTO); // AUTO: a PrintStream that is not System.err is no terminal
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).doesNotContain("\r").doesNotContain("\u001b").doesNotContain("Scoring");
    assertThat(out.lines().toList())
        .last()
        .asString()
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d Completed: .*items done 200 of 200.*");
    Path overview;
    try (var files = Files.list(tmp.resolve("out/logs"))) {
      overview =
          files
              .filter(f -> f.getFileName().toString().startsWith("job_progress_overview."))
              .findFirst()
              .orElseThrow();
    }
    assertThat(Files.readAllLines(overview)).last().asString().contains("Completed: ");
  }

  @Test
  void forcedBarDrawsInPlaceAndEndsWithThePlainFinalLine() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    runJob(console, ProgressMode.BAR);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("\rScoring").contains("200/200").contains("items/s");
    assertThat(out.lines().toList()).last().asString().contains("Completed: ");
  }
}
