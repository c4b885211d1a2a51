package io.batchscore.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.MiniBatch;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.JobStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many workers, many mini-batches, injected failures: every input item ends up exactly once,
 * either as a row in input order or as a failed item with its reason.
 */
class SchedulerStressTest {

  @TempDir Path tmp;

  private static String name(MiniBatch b, int i) {
    return b.files().get(i).getFileName().toString();
  }

  @RepeatedTest(3)
  void manyWorkersWithFlakyAndBadItemsLoseAndDuplicateNothing() throws Exception {
    List<String> names = TestJobs.inputFiles(tmp.resolve("in"), 3000);
    Set<String> bad =
        Set.of(
            "item-00007.txt",
            "item-00123.txt",
            "item-00124.txt",
            "item-02999.txt",
            "item-01500.txt");
    Set<Long> flakySeen = ConcurrentHashMap.newKeySet();
    var d = TestJobs.deployment(tmp, 8, 7, 3, Duration.ofSeconds(30), -1, true, Map.of());

    JobResult r =
        TestJobs.run(
            d,
            tmp.resolve("in"),
            tmp.resolve("out"),
            () ->
                TestJobs.scorer(
                    b -> {
                      if (ThreadLocalRandom.current().nextInt(4) == 0) {
                        Thread.sleep(0, 200_000);
                      }
                      if (b.index() % 5 == 0 && b.part().isEmpty() && flakySeen.add(b.index())) {
                        throw new IllegalStateException("flaky first attempt of " + b.index());
                      }
                      List<String> rows = new ArrayList<>();
                      for (int i = 0; i < b.size(); i++) {
                        if (bad.contains(name(b, i))) {
                          throw new IllegalArgumentException("cannot score " + name(b, i));
                        }
                        rows.add(name(b, i) + ": ok");
                      }
                      return rows;
                    }));

    List<String> expected =
        names.stream().filter(n -> !bad.contains(n)).map(n -> n + ": ok").toList();
    assertThat(TestJobs.lines(tmp.resolve("out/predictions.csv")))
        .containsExactlyElementsOf(expected);
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(r.itemsSucceeded()).isEqualTo(3000 - bad.size());
    assertThat(r.itemsFailed()).isEqualTo(bad.size());
    assertThat(r.miniBatches()).isEqualTo((3000 + 6) / 7);

    List<String> failedLines =
        TestJobs.lines(tmp.resolve("out/logs/sys/job_report/failed_items.csv"));
    Set<String> failedNames =
        failedLines.stream()
            .skip(1)
            .map(l -> Path.of(l.split(",")[1]).getFileName().toString())
            .collect(Collectors.toSet());
    assertThat(failedNames).isEqualTo(bad);
    assertThat(failedLines).hasSize(bad.size() + 1);
    String jobError = String.join("\n", TestJobs.lines(tmp.resolve("out/logs/job_error.txt")));
    for (String b : bad) {
      assertThat(jobError).contains(b + "\tjava.lang.IllegalArgumentException: cannot score " + b);
    }

    List<String> report =
        TestJobs.lines(tmp.resolve("out/logs/sys/job_report/processed_mini-batches.csv"));
    assertThat(report.get(0)).isEqualTo(JobOutputs.REPORT_HEADER);
    assertThat(report).hasSize(1 + (int) r.miniBatches());
    List<Long> indices = report.stream().skip(1).map(l -> Long.parseLong(l.split(",")[0])).toList();
    assertThat(indices).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void errorThresholdFailsTheJobAndKeepsCommittedRowsWhole() throws Exception {
    TestJobs.inputFiles(tmp.resolve("in"), 500);
    var d = TestJobs.deployment(tmp, 4, 10, 1, Duration.ofSeconds(30), 3, false, Map.of());
    JobResult r =
        TestJobs.run(
            d,
            tmp.resolve("in"),
            tmp.resolve("out"),
            () ->
                TestJobs.scorer(
                    b -> {
                      if (b.index() >= 20) {
                        throw new IllegalStateException("model broke");
                      }
                      return b.files().stream().map(f -> f.getFileName() + ": ok").toList();
                    }));
    assertThat(r.status()).isEqualTo(JobStatus.Failed);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.reason()).contains("error_threshold 3 exceeded");
    List<String> rows = TestJobs.lines(tmp.resolve("out/predictions.csv"));
    assertThat(rows).hasSize(200).allMatch(l -> l.matches("item-\\d{5}\\.txt: ok"));
    assertThat(TestJobs.lines(tmp.resolve("out/logs/job_result.txt")).get(0)).isEqualTo("Failed");
    assertThat(TestJobs.lines(tmp.resolve("out/logs/job_error.txt")).get(0))
        .contains("error_threshold 3 exceeded");
  }

  @Test
  void shortResultsCountMissingItemsAsFailed() throws Exception {
    TestJobs.inputFiles(tmp.resolve("in"), 40);
    var d = TestJobs.deployment(tmp, 2, 10, 3, Duration.ofSeconds(30), -1, true, Map.of());
    JobResult r =
        TestJobs.run(
            d,
            tmp.resolve("in"),
            tmp.resolve("out"),
            () ->
                TestJobs.scorer(
                    b ->
                        b.files().stream()
                            .limit(b.size() - 1)
                            .map(f -> f.getFileName() + ": ok")
                            .toList()));
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(r.itemsSucceeded()).isEqualTo(36);
    assertThat(r.itemsFailed()).isEqualTo(4);
    assertThat(TestJobs.lines(tmp.resolve("out/predictions.csv"))).hasSize(36);
    assertThat(String.join("\n", TestJobs.lines(tmp.resolve("out/logs/job_error.txt"))))
        .contains("item-00009.txt\trun returned 9 results for 10 items");
  }

  @Test
  void hangingRunIsAbandonedAndOnlyItsItemFails() throws Exception {
    TestJobs.inputFiles(tmp.resolve("in"), 60);
    var d = TestJobs.deployment(tmp, 2, 10, 2, Duration.ofMillis(300), -1, true, Map.of());
    JobResult r =
        TestJobs.run(
            d,
            tmp.resolve("in"),
            tmp.resolve("out"),
            () ->
                TestJobs.scorer(
                    b -> {
                      for (int i = 0; i < b.size(); i++) {
                        if (name(b, i).equals("item-00033.txt")) {
                          while (true) { // ignores interrupts, as a badly written scorer might
                            try {
                              Thread.sleep(10_000);
                            } catch (InterruptedException ignored) {
                              // keep hanging
                            }
                          }
                        }
                      }
                      return b.files().stream().map(f -> f.getFileName() + ": ok").toList();
                    }));
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(r.itemsFailed()).isEqualTo(1);
    assertThat(r.itemsSucceeded()).isEqualTo(59);
    assertThat(TestJobs.lines(tmp.resolve("out/predictions.csv")))
        .hasSize(59)
        .doesNotContain("item-00033.txt: ok");
    assertThat(String.join("\n", TestJobs.lines(tmp.resolve("out/logs/job_error.txt"))))
        .contains("item-00033.txt\trun did not return within retry_settings.timeout");
    assertThat(String.join("\n", TestJobs.lines(tmp.resolve("out/logs/sys/job.log"))))
        .contains("timed out")
        .contains("replacing a worker whose run timed out");
  }

  @Test
  void everyWorkerFailingInitMeansTheJobCouldNotStart() throws Exception {
    TestJobs.inputFiles(tmp.resolve("in"), 30); // 3 mini-batches: all 3 workers start
    var d = TestJobs.deployment(tmp, 3, 10, 2, Duration.ofSeconds(5), -1, true, Map.of());
    JobResult r =
        TestJobs.run(
            d,
            tmp.resolve("in"),
            tmp.resolve("out"),
            () ->
                new io.batchscore.api.Scorer() {
                  @Override
                  public void init(io.batchscore.api.ScorerContext c) throws Exception {
                    throw new java.io.FileNotFoundException(
                        "model.onnx missing in " + c.modelDir());
                  }

                  @Override
                  public List<?> run(MiniBatch batch) {
                    throw new AssertionError("run without init");
                  }
                });
    assertThat(r.status()).isEqualTo(JobStatus.Failed);
    assertThat(r.couldNotStart()).isTrue();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(TestJobs.lines(tmp.resolve("out/logs/job_error.txt")).get(0))
        .contains("every worker failed to init")
        .contains("model.onnx missing");
    assertThat(TestJobs.lines(tmp.resolve("out/logs/job_result.txt"))).first().isEqualTo("Failed");
    assertThat(
            String.join(
                "\n", TestJobs.lines(tmp.resolve("out/logs/user/error/node000/process002.txt"))))
        .contains("init attempt 2 of 2 failed")
        .contains("FileNotFoundException");
  }
}
