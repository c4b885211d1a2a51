package io.batchscore.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runner that died between starting a driver and recording its pid finds the driver by the
 * output folder on its command line, however long the command line (a driver run from a class
 * path is tens of KB); and a driver that ended without a result is Canceled when a cancel was
 * asked for, Failed otherwise.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class DriversTest {

  @Test
  void aDriverIsFoundByTheOutputFolderPastTheFirstPageOfItsCommandLine(@TempDir Path tmp)
      throws Exception {
    Path output = tmp.resolve("out");
    Process driver =
        new ProcessBuilder(
                "bash",
                "-c",
                "sleep 30; true", // two commands: bash stays, with these arguments
                "-cp=" + "x".repeat(9000),
                "run",
                "--output",
                output.toString())
            .start();
    try {
      Optional<ProcessHandle> found = Optional.empty();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (found.isEmpty() && System.nanoTime() < deadline) {
        found = Drivers.driving(output);
        Thread.sleep(20);
      }
      assertThat(found.map(ProcessHandle::pid)).contains(driver.pid());
      assertThat(Drivers.driving(tmp.resolve("other"))).isEmpty();
    } finally {
      driver.destroyForcibly();
      driver.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(Drivers.driving(output)).as("a dead driver is not found").isEmpty();
  }

  @Test
  void aDriverWithoutAResultIsCanceledWhenACancelWasAskedForElseFailed(@TempDir Path tmp)
      throws Exception {
    Path log = Files.writeString(tmp.resolve("driver.log"), "batchscore: driver started: run\n");
    JobOutcome canceled = JobOutcome.read(tmp.resolve("out"), 143, log, true);
    assertThat(canceled.status()).isEqualTo("Canceled");
    JobOutcome failed = JobOutcome.read(tmp.resolve("out"), 143, log, false);
    assertThat(failed.status()).isEqualTo("Failed");
    assertThat(failed.error()).contains("status 143");

    Files.createDirectories(tmp.resolve("out/logs"));
    Files.writeString(tmp.resolve("out/logs/job_result.txt"), "Completed\nitems: 3\n");
    assertThat(JobOutcome.read(tmp.resolve("out"), 0, log, true).status())
        .as("a result the driver wrote wins over the cancel")
        .isEqualTo("Completed");
  }
}
