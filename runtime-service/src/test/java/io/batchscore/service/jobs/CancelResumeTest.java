package io.batchscore.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.service.TestWorkspace;
import io.batchscore.service.api.InvokeRequest;
import io.batchscore.service.api.JobInfo;
import io.batchscore.service.api.WorkspaceService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code job cancel} of a running job goes through the driver's SIGTERM path (Canceled, by whom),
 * {@code job resume} continues it in its own folder to a complete predictions file; a linked data
 * asset is read in place.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CancelResumeTest {

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
  void cancelARunningJobThenResumeIt() throws Exception {
    TestWorkspace ws = new TestWorkspace(tmp, null);
    service = WorkspaceService.open(ws.dir(), null);
    ws.deploySeed();
    Path images = TestWorkspace.images(tmp.resolve("images"), 400);
    assertThat(
            ws.ok(
                "data",
                "create",
                "--name",
                "images",
                "--path",
                images.toString(),
                "--link",
                "--query",
                "{p: path, l: linked}",
                "-o",
                "tsv"))
        .isEqualTo(images + "\ttrue");
    try (AutoCloseable runner = service.runJobs()) {
      JobInfo job =
          service.invoke(
              new InvokeRequest(
                  "endpoint-batch",
                  null,
                  "azureml:images:1",
                  null,
                  null,
                  null,
                  null,
                  Map.of("environment_variables.CHAOS_DELAY_MS", "50"),
                  null),
              "alice");
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      Path commits = Path.of(job.outputPath(), "logs/sys/commits.log");
      while (!(Files.exists(commits) && Files.size(commits) > 0)) {
        assertThat(System.nanoTime()).as("a first commit").isLessThan(end);
        Thread.sleep(100);
      }
      assertThat(service.cancelJob(job.name(), "bob").name()).isEqualTo(job.name());
      assertThat(ws.await(job.name(), 120)).isEqualTo("Canceled");
      JobInfo canceled = service.showJob(job.name());
      assertThat(canceled.error()).isEqualTo("canceled by bob");
      assertThat(canceled.createdBy()).isEqualTo("alice");
      assertThat(canceled.items()).isLessThan(400);

      assertThat(service.resumeJob(job.name(), "carol").status()).isEqualTo("Queued");
      assertThat(ws.await(job.name(), 180)).isEqualTo("Completed");
    }
    JobInfo done = service.showJob(job(service));
    assertThat(done.attempts()).isEqualTo(2);
    assertThat(Files.readAllLines(Path.of(done.outputPath(), "predictions_pytorch.csv")))
        .hasSize(400)
        .doesNotHaveDuplicates();
  }

  private static String job(WorkspaceService service) {
    return service.listJobs(null, null).get(0).name();
  }
}
