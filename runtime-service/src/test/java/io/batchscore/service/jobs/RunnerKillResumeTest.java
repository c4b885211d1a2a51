package io.batchscore.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.service.TestWorkspace;
import io.batchscore.service.workspace.JobRecord;
import io.batchscore.service.workspace.LocalWorkspaceService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner is SIGKILLed in the middle of a job of 10,000 items (the chaos scorer sleeping on
 * each): with its driver (the machine died), the next runner, started by any CLI command, resumes
 * the job with {@code --resume} from what was committed before the kill; without it (only the runner died), the next runner adopts the
 * live driver. Either way the predictions are byte-identical to an uninterrupted job's.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class RunnerKillResumeTest {

  @TempDir Path tmp;
  LocalWorkspaceService service;
  final Set<Long> pids = new HashSet<>();

  @AfterEach
  void close() {
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    if (service != null) {
      service.close();
    }
  }

  @Test
  void killedRunnerAndDriverResumeAndAKilledRunnerIsAdopted() throws Exception {
    TestWorkspace ws = new TestWorkspace(tmp, null);
    service = LocalWorkspaceService.open(ws.dir(), null);
    ws.deploySeed();
    Path input = TestWorkspace.images(tmp.resolve("images"), 10_000);
    String[] invoke = {
      "batch-endpoint",
      "invoke",
      "-n",
      "endpoint-batch",
      "-i",
      input.toString(),
      "--mini-batch-size",
      "100",
      "--set",
      "environment_variables.CHAOS_DELAY_MS=1",
      "--query",
      "name",
      "-o",
      "tsv"
    };

    // uninterrupted, run by the background runner the invoke started
    String reference = ws.ok(invoke);
    track(reference);
    assertThat(ws.await(reference, 180)).isEqualTo("Completed");
    byte[] expected = Files.readAllBytes(predictions(reference));
    assertThat(new String(expected).lines()).hasSize(10_000);

    Random random = new Random();
    for (int round = 0; round < 2; round++) {
      String job = ws.ok(invoke);
      JobRecord running = awaitDriver(job);
      awaitFirstCommit(running);
      Thread.sleep(random.nextInt(1500));
      ProcessHandle.of(runnerPid(running)).ifPresent(ProcessHandle::destroyForcibly);
      ProcessHandle.of(running.driverPid()).ifPresent(ProcessHandle::destroyForcibly);
      awaitDead(runnerPid(running));
      awaitDead(running.driverPid());
      // any command starts a runner, which resumes the job
      ws.ok("job", "list");
      track(job);
      assertThat(ws.await(job, 180)).isEqualTo("Completed");
      assertThat(Files.readAllBytes(predictions(job))).as("round %d", round).isEqualTo(expected);
      assertThat(service.showJob(job).attempts()).isGreaterThanOrEqualTo(2);
    }

    // only the runner dies: its driver goes on and the next runner adopts it
    invoke[invoke.length - 5] = "environment_variables.CHAOS_DELAY_MS=2";
    String job = ws.ok(invoke);
    JobRecord running = awaitDriver(job);
    ProcessHandle.of(runnerPid(running)).ifPresent(ProcessHandle::destroyForcibly);
    awaitDead(runnerPid(running));
    assertThat(ProcessHandle.of(running.driverPid()).map(ProcessHandle::isAlive)).contains(true);
    ws.ok("job", "list");
    assertThat(ws.await(job, 180)).isEqualTo("Completed");
    assertThat(Files.readAllBytes(predictions(job))).isEqualTo(expected);
    assertThat(service.showJob(job).attempts()).isEqualTo(1);
    assertThat(Files.readString(ws.dir().resolve("runner.log")))
        .contains("adopting the live driver " + running.driverPid() + " of job " + job);
  }

  private Path predictions(String job) {
    return Path.of(service.showJob(job).outputPath()).resolve("predictions_pytorch.csv");
  }

  private JobRecord awaitDriver(String job) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < end) {
      JobRecord j = service.workspace().jobs().find(job).orElseThrow();
      if (j.driverPid() != null && j.runner() != null) {
        pids.add(j.driverPid());
        pids.add(runnerPid(j));
        return j;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("job " + job + " got no driver");
  }

  /** Waits until the driver has committed a mini-batch, so that the kill leaves work to resume. */
  private static void awaitFirstCommit(JobRecord job) throws Exception {
    Path commits = Path.of(job.outputPath(), "logs", "sys", "commits.log");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!(Files.exists(commits) && Files.size(commits) > 0)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("job " + job.name() + " committed nothing in 120 s");
      }
      Thread.sleep(20);
    }
  }

  private void track(String job) {
    service
        .workspace()
        .jobs()
        .find(job)
        .ifPresent(
            j -> {
              if (j.driverPid() != null) {
                pids.add(j.driverPid());
              }
            });
  }

  private static long runnerPid(JobRecord j) {
    return Long.parseLong(j.runner().substring(0, j.runner().indexOf('@')));
  }

  private static void awaitDead(long pid) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("process " + pid + " did not die");
      }
      Thread.sleep(20);
    }
  }
}
