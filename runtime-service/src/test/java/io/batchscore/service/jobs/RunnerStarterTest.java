package io.batchscore.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.service.TestWorkspace;
import io.batchscore.service.api.InvokeRequest;
import io.batchscore.service.api.WorkspaceService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a started runner is still starting (a JVM, seconds), commands that poll the workspace do
 * not start more: many threads calling {@code ensureRunner} at once start exactly one, and it runs
 * the queued job.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RunnerStarterTest {

  @TempDir Path tmp;
  WorkspaceService service;

  @AfterEach
  void close() {
    if (service != null) {
      service.close();
    }
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void concurrentPollsStartOneRunner() throws Exception {
    TestWorkspace ws = new TestWorkspace(tmp, null);
    service = WorkspaceService.open(ws.dir(), null);
    ws.deploySeed();
    Path images = TestWorkspace.images(tmp.resolve("images"), 50);
    // queued through the API, which starts no runner
    String job =
        service
            .invoke(
                new InvokeRequest(
                    "endpoint-batch",
                    null,
                    images.toString(),
                    null,
                    null,
                    null,
                    null,
                    Map.of(),
                    null),
                "alice")
            .name();

    int threads = 8;
    int polls = 6;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Integer>> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      started.add(
          pool.submit(
              () -> {
                go.await();
                int n = 0;
                for (int i = 0; i < polls; i++) {
                  n += service.ensureRunner() ? 1 : 0;
                  Thread.sleep(50);
                }
                return n;
              }));
    }
    go.countDown();
    int total = 0;
    for (Future<Integer> f : started) {
      total += f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(total).as("runners started by %d polls", threads * polls).isEqualTo(1);
    assertThat(ws.await(job, 120)).isEqualTo("Completed");
    assertThat(
            Files.readAllLines(
                Path.of(service.showJob(job).outputPath(), "predictions_pytorch.csv")))
        .hasSize(50);
  }

  @Test
  void aRecordedRunnerCountsOnlyWhileThatProcessLives() throws Exception {
    Path starting = tmp.resolve("runner.starting");
    assertThat(RunnerStarter.starting(tmp)).isEmpty();

    Process runner = new ProcessBuilder("sleep", "60").start(); // stands for a starting runner
    try {
      ProcessHandle live = runner.toHandle();
      String liveStart = live.info().startInstant().orElseThrow().toString();
      Files.writeString(starting, live.pid() + " " + liveStart + "\n");
      assertThat(RunnerStarter.starting(tmp)).contains(live);

      // the same process id, another start: a different process that reuses the id
      Files.writeString(starting, live.pid() + " " + Instant.EPOCH + "\n");
      assertThat(RunnerStarter.starting(tmp)).isEmpty();
    } finally {
      runner.destroyForcibly();
    }
    String selfStart = ProcessHandle.current().info().startInstant().orElseThrow().toString();

    Process ended = new ProcessBuilder("true").start();
    assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
    Files.writeString(starting, ended.pid() + " " + selfStart + "\n");
    assertThat(RunnerStarter.starting(tmp)).isEmpty();

    // a process that started longer ago than a runner may take to start is no longer waited for
    ProcessHandle old = ProcessHandle.of(1).orElseThrow();
    Files.writeString(starting, "1 " + old.info().startInstant().orElseThrow() + "\n");
    assertThat(RunnerStarter.starting(tmp)).isEmpty();

    Files.writeString(starting, "not a pid\n");
    assertThat(RunnerStarter.starting(tmp)).isEmpty();
  }
}
