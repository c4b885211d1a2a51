package io.batchscore.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.Row;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.JobStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole jobs on CSV input: rows reach the scorer as typed rows, output keeps input order with many
 * workers and carries the key column, malformed rows are failed items named file:line.
 */
class TabularJobTest {

  @TempDir Path tmp;

  private void write(String name, String content) throws Exception {
    Path p = tmp.resolve("in").resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
  }

  /** Echoes the key and a prediction: the documented pattern for output that joins back. */
  private static TestJobs.RunFn keyAndDouble() {
    return b -> {
      List<Object> out = new ArrayList<>();
      for (Row r : b.rows()) {
        out.add(List.of(r.get("id"), r.getDouble("x") * 2));
      }
      return out;
    };
  }

  @RepeatedTest(3)
  void rowsComeOutInInputOrderWithManyWorkersEachOnce() throws Exception {
    List<String> expected = new ArrayList<>();
    int id = 0;
    for (String file : List.of("a.csv", "b/b.csv", "c.csv")) {
      StringBuilder sb = new StringBuilder("id,x\n");
      for (int i = 0; i < 1500; i++, id++) {
        sb.append(id).append(',').append(i).append('\n');
        expected.add(id + "," + (i * 2.0));
      }
      write(file, sb.toString());
    }
    Set<String> seen = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();
    var d = TestJobs.tabular(tmp, 8, 97, -1);
    JobResult r =
        TestJobs.run(
            d,
            tmp.resolve("in"),
            tmp.resolve("out"),
            () ->
                TestJobs.scorer(
                    b -> {
                      if (ThreadLocalRandom.current().nextInt(3) == 0) {
                        Thread.sleep(1);
                      }
                      for (Row row : b.rows()) {
                        if (!seen.add(row.source())) {
                          duplicates.incrementAndGet();
                        }
                      }
                      return keyAndDouble().run(b);
                    }));

    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(duplicates).hasValue(0);
    assertThat(TestJobs.lines(tmp.resolve("out/predictions.csv")))
        .containsExactlyElementsOf(expected);
    assertThat(r.itemsSucceeded()).isEqualTo(4500);
    assertThat(r.miniBatches()).isGreaterThan(100);
    List<String> report =
        TestJobs.lines(tmp.resolve("out/logs/sys/job_report/processed_mini-batches.csv"));
    assertThat(report.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[1])).sum())
        .isEqualTo(4500);
  }

  @Test
  void malformedRowsAreFailedItemsNamedByFileAndLineAndTheJobCompletes() throws Exception {
    write("a.csv", "id,x\n1,1\n2\n3,3\n4,4,4\n5,\"5\"\n");
    write("b.csv", "id,x\n6,6\n7,\"open quote\n8,8\n");
    write("c.csv", "id,x\n9,9\n");
    List<Integer> scoredSizes = new ArrayList<>();
    var d = TestJobs.tabular(tmp, 2, 1 << 20, -1);
    JobResult r =
        TestJobs.run(
            d,
            tmp.resolve("in"),
            tmp.resolve("out"),
            () ->
                TestJobs.scorer(
                    b -> {
                      synchronized (scoredSizes) {
                        scoredSizes.add(b.size());
                      }
                      return keyAndDouble().run(b);
                    }));

    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(r.itemsSucceeded()).isEqualTo(5);
    assertThat(r.itemsFailed()).isEqualTo(3);
    assertThat(scoredSizes).containsExactly(5); // the scorer never saw the malformed rows
    assertThat(TestJobs.lines(tmp.resolve("out/predictions.csv")))
        .containsExactly("1,2.0", "3,6.0", "5,10.0", "6,12.0", "9,18.0");
  }

  @Test
  void malformedRowsAreListedInJobErrorWithFileAndLine() throws Exception {
    write("a.csv", "id,x\n1,1\n2\n3,3\n4,4,4\n");
    write("b.csv", "id,x\n6,6\n7,\"open quote\n8,8\n");
    var d = TestJobs.tabular(tmp, 2, 1 << 20, -1);
    JobResult r =
        TestJobs.run(
            d, tmp.resolve("in"), tmp.resolve("out"), () -> TestJobs.scorer(keyAndDouble()));

    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    String jobError = String.join("\n", TestJobs.lines(tmp.resolve("out/logs/job_error.txt")));
    assertThat(jobError)
        .contains("First failed item: a.csv:3 (mini-batch 0)")
        .contains("a.csv:3\tthe row has 1 field(s), the header has 2")
        .contains("a.csv:5\tthe row has 3 field(s), the header has 2")
        .contains("b.csv:3-4\tcannot parse the row:");
    assertThat(String.join("\n", TestJobs.lines(tmp.resolve("out/logs/job_result.txt"))))
        .startsWith("Completed")
        .contains("failed: 3");
  }

  @Test
  void aMiniBatchOfOnlyMalformedRowsIsCompletedWithoutARun() throws Exception {
    write("a.csv", "id,x\n1,1\n2\n3\n4,4\n");
    List<Long> runIndices = new ArrayList<>();
    var d = TestJobs.tabular(tmp, 1, 4, -1);
    JobResult r =
        TestJobs.run(
            d,
            tmp.resolve("in"),
            tmp.resolve("out"),
            () ->
                TestJobs.scorer(
                    b -> {
                      runIndices.add(b.index());
                      return keyAndDouble().run(b);
                    }));
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(runIndices).containsExactly(0L, 2L);
    assertThat(r.miniBatches()).isEqualTo(3);
    assertThat(TestJobs.lines(tmp.resolve("out/predictions.csv")))
        .containsExactly("1,2.0", "4,8.0");
    List<String> report =
        TestJobs.lines(tmp.resolve("out/logs/sys/job_report/processed_mini-batches.csv"));
    assertThat(report.get(2)).startsWith("1,2,0,failed,");
  }

  @Test
  void malformedRowsCountAgainstTheErrorThreshold() throws Exception {
    write("a.csv", "id,x\n1,1\n2\n3,3\n4\n5,5\n");
    var d = TestJobs.tabular(tmp, 1, 1 << 20, 1);
    JobResult r =
        TestJobs.run(
            d, tmp.resolve("in"), tmp.resolve("out"), () -> TestJobs.scorer(keyAndDouble()));
    assertThat(r.status()).isEqualTo(JobStatus.Failed);
    assertThat(r.reason()).contains("error_threshold 1 exceeded");
  }

  @Test
  void aRowWhoseValueDoesNotParseIsIsolatedAndNamedByFileAndLine() throws Exception {
    write("a.csv", "id,x\n1,1\n2,two\n3,3\n");
    var d = TestJobs.tabular(tmp, 1, 1 << 20, -1);
    JobResult r =
        TestJobs.run(
            d, tmp.resolve("in"), tmp.resolve("out"), () -> TestJobs.scorer(keyAndDouble()));
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(TestJobs.lines(tmp.resolve("out/predictions.csv")))
        .containsExactly("1,2.0", "3,6.0");
    assertThat(String.join("\n", TestJobs.lines(tmp.resolve("out/logs/job_error.txt"))))
        .contains(
            "a.csv:3\tjava.lang.IllegalArgumentException: a.csv:3: column 'x' is not a"
                + " number: 'two'");
  }
}
