package io.batchscore.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.ScoringJob;
import io.batchscore.core.logs.ProgressMode;
import io.batchscore.core.scorer.ScorerFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Runs a job of a few seconds with failures, a retry and a timeout, then opens its report.html in
 * headless Chromium through {@code src/test/scripts/check-report.sh}. Skipped where
 * {@code /usr/bin/chromium} is missing. The report and its screenshot stay in
 * {@code target/report-check/} to be looked at.
 */
class ReportInBrowserTest {

  @Test
  void reportRendersInChromium() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "no /usr/bin/chromium");
    Path dir = Path.of("target/report-check").toAbsolutePath();
    deleteTree(dir);
    TestJobs.inputFiles(dir.resolve("in"), 1500);
    var d = TestJobs.deployment(dir, 4, 10, 2, Duration.ofMillis(1500), -1, true, Map.of());
    AtomicBoolean slowOnce = new AtomicBoolean();
    JobResult r =
        ScoringJob.builder(d, dir.resolve("in"), dir.resolve("out"))
            .scorerFactory(
                ScorerFactory.of(
                    () ->
                        TestJobs.scorer(
                            b -> {
                              long ms =
                                  20
                                      + ThreadLocalRandom.current().nextLong(60)
                                      + (b.index() > 60 && b.index() < 90 ? 60 : 0);
                              if (b.index() == 30 && slowOnce.compareAndSet(false, true)) {
                                ms = 3000; // one timeout: the worker is replaced and the mini-batch
                                // retried
                              }
                              Thread.sleep(ms);
                              List<String> rows = new ArrayList<>();
                              for (Path f : b.files()) {
                                String name = f.getFileName().toString();
                                if (name.endsWith("7.txt") && name.contains("-001")) {
                                  throw new IllegalStateException(
                                      "cannot decode <" + name + "> & give up");
                                }
                                rows.add(name + ",ok");
                              }
                              return rows;
                            })))
            .progress(ProgressMode.NONE)
            .progressEvery(Duration.ofSeconds(1))
            .build()
            .run();
    assertThat(r.itemsFailed()).isEqualTo(10);

    Path script = Path.of("src/test/scripts/check-report.sh").toAbsolutePath();
    Process p =
        new ProcessBuilder(
                "bash",
                script.toString(),
                dir.resolve("out/logs/report.html").toString(),
                dir.resolve("report.png").toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(150, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).doesNotContain("FAIL");
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      try (var s = Files.walk(dir)) {
        for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
  }
}
