package io.batchscore.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.service.TestWorkspace;
import io.batchscore.service.api.JobInfo;
import io.batchscore.service.api.WorkspaceService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 20 jobs invoked back to back on a limit of 2: all end Completed, never more than 2 drivers at
 * once (from the drivers' own start and end times in their job folders), none lost, and the
 * database and the folders agree. {@link PostgresWorkspaceTest} runs the same on PostgreSQL.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConcurrencyLimitTest {

  @TempDir Path tmp;
  WorkspaceService service;
  AutoCloseable runner;

  @AfterEach
  void close() throws Exception {
    if (runner != null) {
      runner.close();
    }
    if (service != null) {
      service.close();
    }
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void twentyJobsOnALimitOfTwo() throws Exception {
    TestWorkspace ws = new TestWorkspace(tmp, null);
    service = WorkspaceService.open(ws.dir(), null);
    check(ws, service, 20);
  }

  /**
   * Invokes {@code jobs} jobs on a limit of 2 and checks them.
   *
   * @param ws the test workspace
   * @param service its service (no runner yet)
   * @param jobs how many
   * @throws Exception when something fails
   */
  static void check(TestWorkspace ws, WorkspaceService service, int jobs) throws Exception {
    ws.deploySeed();
    ws.ok("workspace", "update", "--max-concurrent-jobs", "2");
    Path input = TestWorkspace.images(ws.root().resolve("small"), 20);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      names.add(
          service
              .invoke(
                  new io.batchscore.service.api.InvokeRequest(
                      "endpoint-batch",
                      null,
                      input.toString(),
                      null,
                      5,
                      null,
                      null,
                      java.util.Map.of("environment_variables.CHAOS_DELAY_MS", "20"),
                      null),
                  "test:" + i)
              .name());
    }
    assertThat(service.listJobs(null, null)).extracting(JobInfo::status).containsOnly("Queued");
    try (AutoCloseable runner = service.runJobs()) {
      for (String n : names) {
        assertThat(ws.await(n, 240)).as(n).isEqualTo("Completed");
      }
    }
    List<long[]> spans = new ArrayList<>();
    for (String n : names) {
      JobInfo j = service.showJob(n);
      assertThat(j.items()).isEqualTo(20);
      assertThat(j.succeeded()).isEqualTo(20);
      assertThat(j.createdBy()).startsWith("test:");
      Path out = Path.of(j.outputPath());
      assertThat(Files.readAllLines(out.resolve("predictions_pytorch.csv"))).hasSize(20);
      List<String> result = Files.readAllLines(out.resolve("logs/job_result.txt"));
      assertThat(result.get(0)).isEqualTo("Completed");
      LocalDateTime started = LocalDateTime.parse(value(result, "started"));
      long startMs = started.atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
      long durMs = (long) (Double.parseDouble(value(result, "duration_s")) * 1000);
      spans.add(new long[] {startMs, startMs + durMs});
    }
    assertThat(service.listJobs(null, null)).hasSize(jobs);
    assertThat(maxOverlap(spans)).isBetween(1, 2);
  }

  private static String value(List<String> lines, String key) {
    return lines.stream()
        .filter(l -> l.startsWith(key + ": "))
        .findFirst()
        .orElseThrow()
        .substring(key.length() + 2);
  }

  private static int maxOverlap(List<long[]> spans) {
    List<long[]> events = new ArrayList<>();
    for (long[] s : spans) {
      events.add(new long[] {s[0], 1});
      events.add(new long[] {s[1], -1});
    }
    // at equal times an end comes before a start
    events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int now = 0;
    int max = 0;
    for (long[] e : events) {
      now += (int) e[1];
      max = Math.max(max, now);
    }
    return max;
  }
}
