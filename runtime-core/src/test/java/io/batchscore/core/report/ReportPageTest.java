package io.batchscore.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.metrics.JobMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's structure, without a browser. */
class ReportPageTest {

  @TempDir Path tmp;

  private static ReportData data(List<ReportData.FailedItem> failures, long total) {
    JobMetrics metrics = new JobMetrics(new SimpleMeterRegistry());
    for (int i = 1; i <= 100; i++) {
      metrics.run("success", "cuda:0", "node000/process000", i * 1_000_000L);
    }
    metrics.run("error", "cuda:0", "node000/process000", 5_000_000L);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("scorer", "com.example.<Fancy>Scorer");
    return new ReportData(
        "fashion & mnist",
        "Failed",
        "error_threshold 0 exceeded: 1 items failed",
        1234,
        5,
        124,
        "2026-01-02 03:04:05",
        Duration.ofSeconds(10),
        settings,
        List.of(new ThroughputSeries.Point(1, 100, 100), new ThroughputSeries.Point(2, 200, 300)),
        metrics.runDurations(),
        metrics.workers(),
        Map.of("retries", 3L),
        failures,
        total);
  }

  @Test
  void holdsChartsCountsAndEscapedText() {
    String html =
        ReportPage.render(
            data(
                List.of(
                    new ReportData.FailedItem(
                        "7",
                        "/in/a<b>.png",
                        "java.lang.IllegalStateException: bad \"pixel\" <img src=x onerror=alert(1)> & more")),
                1));
    assertThat(count(html, "<svg ")).isEqualTo(3);
    assertThat(count(html, "</svg>")).isEqualTo(3);
    assertThat(html)
        .contains("<title>BatchScore job fashion &amp; mnist: Failed</title>")
        .contains("data-count=\"items\">1,239<")
        .contains("data-count=\"failed\">5<")
        .contains("data-count=\"mini-batches\">124<")
        .contains("id=\"status\">Failed<")
        .contains("class=\"status status-failed\"")
        .contains("error_threshold 0 exceeded")
        .contains("com.example.&lt;Fancy&gt;Scorer")
        .contains("/in/a&lt;b&gt;.png")
        .contains("bad \"pixel\" &lt;img src=x onerror=alert(1)&gt; &amp; more")
        .doesNotContain("<img")
        .doesNotContain("<script")
        .contains("node000/process000 (cuda:0)")
        .contains("51 %  5.06 s busy, 101 runs")
        .contains("<path class=\"line\"")
        .contains("<rect class=\"s-success\"")
        .contains("<rect class=\"s-error\"")
        .contains("<th>retries</th><td>3</td>")
        .doesNotContain("failures-capped");
  }

  @Test
  void thePercentileTableAndTheHistogramShowEachOutcomesRuns() {
    String html = ReportPage.render(data(List.of(), 0));
    Matcher row =
        Pattern.compile(
                "<tr><td>success</td><td>100</td><td>([^<]+)</td><td>([^<]+)"
                    + "</td><td>([^<]+)</td><td>([^<]+)</td><td>([^<]+)</td></tr>")
            .matcher(html);
    assertThat(row.find()).as(html).isTrue();
    assertThat(row.group(1)).isEqualTo("50.5 ms");
    assertThat(millis(row.group(2)))
        .isCloseTo(50, org.assertj.core.data.Percentage.withPercentage(2));
    assertThat(millis(row.group(3)))
        .isCloseTo(90, org.assertj.core.data.Percentage.withPercentage(2));
    assertThat(millis(row.group(4)))
        .isCloseTo(99, org.assertj.core.data.Percentage.withPercentage(2));
    assertThat(row.group(5)).isEqualTo("100 ms");
    assertThat(html).contains("<tr><td>error</td><td>1</td><td>5 ms</td>");
    // 20 buckets a decade: 1..100 ms spread over 40 of them, the error's 5 ms in one
    Matcher tips = Pattern.compile("<title>([^<]+ to [^<]+)</title>").matcher(html);
    long successRuns = 0;
    while (tips.find()) {
      Matcher c = Pattern.compile("success (\\d+)").matcher(tips.group(1));
      successRuns += c.find() ? Long.parseLong(c.group(1)) : 0;
    }
    assertThat(successRuns).isEqualTo(100);
  }

  private static double millis(String human) {
    assertThat(human).endsWith(" ms");
    return Double.parseDouble(human.substring(0, human.length() - 3));
  }

  @Test
  void escapesQuotesInAttributesAndDropsControlCharacters() {
    ReportData d =
        new ReportData(
            "t\u0007",
            "x\" onmouseover=\"alert(1)",
            "",
            0,
            0,
            0,
            "now",
            Duration.ZERO,
            Map.of(),
            List.of(),
            Map.of(),
            List.of(),
            Map.of(),
            List.of(),
            0);
    String html = ReportPage.render(d);
    assertThat(html)
        .contains("class=\"status status-x&#34; onmouseover=&#34;alert(1)\"")
        .doesNotContain("status-x\" onmouseover")
        .doesNotContain("\u0007");
  }

  @Test
  void stylesheetIsTheReportsStyleElementsContent() {
    String css = ReportPage.css();
    assertThat(css).startsWith(":root{").contains(".status-completed{").doesNotContain("<style>");
    assertThat(ReportPage.render(data(List.of(), 0))).contains("<style>\n" + css);
  }

  @Test
  void capsTheFailedItemsWithANote() {
    List<ReportData.FailedItem> shown = new ArrayList<>();
    for (int i = 0; i < JobReport.MAX_FAILURES; i++) {
      shown.add(new ReportData.FailedItem("1", "item-" + i, "r"));
    }
    String html = ReportPage.render(data(shown, 25_000));
    assertThat(count(html, "<td class=\"item\">")).isEqualTo(JobReport.MAX_FAILURES);
    assertThat(html)
        .contains("Failed items (25,000)")
        .contains("id=\"failures-capped\">showing the first 1,000 of 25,000");
  }

  @Test
  void readsFailuresFromCsvStreamingAndKeepsTheFirst() throws Exception {
    Path csv = tmp.resolve("failed_items.csv");
    StringBuilder sb = new StringBuilder("mini_batch,item,reason\n");
    for (int i = 0; i < 2500; i++) {
      sb.append(i).append(",/in/").append(i).append(".png,\"x, \"\"quoted\"\"\nline\"\n");
    }
    Files.writeString(csv, sb);
    List<ReportData.FailedItem> into = new ArrayList<>();
    assertThat(JobReport.readFailures(csv, 1000, into)).isEqualTo(2500);
    assertThat(into).hasSize(1000);
    assertThat(into.get(3))
        .isEqualTo(new ReportData.FailedItem("3", "/in/3.png", "x, \"quoted\"\nline"));
    assertThat(JobReport.readFailures(tmp.resolve("missing.csv"), 10, into)).isZero();
  }

  @Test
  void emptyJobStillRendersThreeCharts() {
    ReportData d =
        new ReportData(
            "empty",
            "Completed",
            "",
            0,
            0,
            0,
            "now",
            Duration.ZERO,
            Map.of(),
            List.of(),
            Map.of(),
            List.of(),
            Map.of(),
            List.of(),
            0);
    String html = ReportPage.render(d);
    assertThat(count(html, "<svg ")).isEqualTo(3);
    assertThat(html)
        .contains("no samples")
        .contains("no runs")
        .contains("no workers ran")
        .contains("<p class=\"muted\">none</p>");
  }

  @Test
  void svgTicksAreRound() {
    assertThat(Svg.ticks(437)).containsExactly(0, 100, 200, 300, 400, 500);
    assertThat(Svg.ticks(1)).containsExactly(0, 0.2, 0.4, 0.6000000000000001, 0.8, 1);
    assertThat(Svg.number(2500)).isEqualTo("2,500");
    assertThat(Svg.number(0.25)).isEqualTo("0.25");
    assertThat(Html.printable("a\u0001b<'&\"\tc")).isEqualTo("ab<'&\"\tc");
    assertThat(Durations.human(1_500_000)).isEqualTo("1.5 ms");
    assertThat(Durations.human(200e9)).isEqualTo("3 min 20 s");
  }

  private static int count(String s, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
