package io.batchscore.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.cli.BatchScoreCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver (the launcher's JVM, {@code compute: spark:local[2]}) SIGKILLed mid-job; {@code
 * --resume} scores only the mini-batches it had not committed (the chaos scorer's log of each run
 * says which), and the predictions equal an
 * uninterrupted local run's byte for byte.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ResumeIT {

  @Test
  void aKilledDriverResumesFromItsLastCommit(@TempDir Path tmp) throws Exception {
    Examples.requireScorer();
    Path input = Files.createDirectories(tmp.resolve("in"));
    for (int i = 0; i < 3000; i++) {
      Files.writeString(input.resolve(String.format("%04d.png", i)), "");
    }
    String[] sets = {
      "--set",
      "environment_variables.CHAOS_DELAY_MS=4",
      "--set",
      "environment_variables.CHAOS_FLAKY=7\\.png$",
      "--set",
      "logging_level=debug" // the chaos scorer logs each run: "run mini-batch N (...)"
    };
    Path local = tmp.resolve("local");
    assertThat(
            BatchScoreCommand.execute(
                concat(
                    new String[] {
                      "run",
                      "--deployment",
                      Examples.CHAOS.toString(),
                      "--input",
                      input.toString(),
                      "--output",
                      local.toString(),
                      "--progress",
                      "none"
                    },
                    sets)))
        .isZero();

    Path out = tmp.resolve("spark");
    String[] args =
        concat(
            new String[] {
              "--deployment",
              Examples.CHAOS.toString(),
              "--input",
              input.toString(),
              "--output",
              out.toString(),
              "--set",
              "compute=spark:local[2]",
              "--set",
              "spark.ui.enabled=false"
            },
            sets);
    Launcher first = Launcher.start(tmp.resolve("first.log"), args);
    Path report = out.resolve("logs/sys/job_report/processed_mini-batches.csv");
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
      while (!(Files.exists(report) && Files.readAllLines(report).size() > 20)) {
        assertThat(first.process().isAlive())
            .as("driver alive; output:\n%s", first.tail())
            .isTrue();
        assertThat(System.nanoTime()).as("first commits in time").isLessThan(deadline);
        Thread.sleep(20);
      }
      Processes.kill(first.process().toHandle());
    } finally {
      first.stop();
    }
    assertThat(Files.readAllLines(report).size() - 1)
        .as("the first run did not finish")
        .isLessThan(300);
    Map<Path, Long> firstRunLogs = new HashMap<>();
    Path workerLogs = out.resolve("logs/user/stdout");
    try (Stream<Path> files = Files.walk(workerLogs)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        firstRunLogs.put(f, Files.size(f));
      }
    }

    Launcher.complete(tmp.resolve("resume.log"), 400, concat(args, new String[] {"--resume"}));
    assertThat(Files.mismatch(out.resolve("predictions.csv"), local.resolve("predictions.csv")))
        .isEqualTo(-1L);
    Matcher m =
        Pattern.compile("resuming: (\\d+) mini-batches")
            .matcher(Files.readString(out.resolve("logs/sys/job.log")));
    assertThat(m.find()).isTrue();
    long committedBefore = Long.parseLong(m.group(1));
    assertThat(committedBefore).isBetween(20L, 299L);
    // the resumed run scored exactly the mini-batches not committed before (each twice: its first
    // attempt fails on the flaky item), read from what it appended to the worker logs
    Map<Long, Integer> resumedRuns = new TreeMap<>();
    Pattern run = Pattern.compile("run mini-batch (\\d+) \\(");
    try (Stream<Path> files = Files.walk(workerLogs)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] all = Files.readAllBytes(f);
        int from = firstRunLogs.getOrDefault(f, 0L).intValue();
        Matcher r = run.matcher(new String(all, from, all.length - from, StandardCharsets.UTF_8));
        while (r.find()) {
          resumedRuns.merge(Long.parseLong(r.group(1)), 1, Integer::sum);
        }
      }
    }
    Map<Long, Integer> expected = new TreeMap<>();
    for (long i = committedBefore; i < 300; i++) {
      expected.put(i, 2);
    }
    assertThat(resumedRuns).isEqualTo(expected);
    List<String> lines = Files.readAllLines(report);
    assertThat(lines).hasSize(301);
    for (int i = 1; i < lines.size(); i++) {
      assertThat(lines.get(i)).startsWith((i - 1) + ",");
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
