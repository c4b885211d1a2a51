package io.batchscore.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.JobStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job whose output cannot be written fails clearly; it never loses rows silently. */
class OutputFailureTest {

  @TempDir Path tmp;

  private static int exec(String... cmd) throws IOException, InterruptedException {
    return new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor();
  }

  @Test
  void aFullDiskFailsTheJobNamingTheError() throws Exception {
    Path mnt = Files.createDirectories(tmp.resolve("small-disk"));
    assumeTrue(
        exec("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt.toString()) == 0,
        "needs root to mount a small tmpfs");
    try {
      TestJobs.inputFiles(tmp.resolve("in"), 5000);
      var d = TestJobs.deployment(tmp, 2, 10, 1, Duration.ofSeconds(30), -1, false, Map.of());
      JobResult r =
          TestJobs.run(
              d,
              tmp.resolve("in"),
              mnt.resolve("out"),
              () ->
                  TestJobs.scorer(
                      b ->
                          b.files().stream()
                              .map(f -> f.getFileName() + ": " + "x".repeat(40))
                              .toList()));
      assertThat(r.status()).isEqualTo(JobStatus.Failed);
      assertThat(r.reason())
          .contains("cannot write the output")
          .contains("No space left on device");
      List<String> rows = TestJobs.lines(mnt.resolve("out/predictions.csv"));
      assertThat(rows).isNotEmpty().allMatch(l -> l.matches("item-\\d{5}\\.txt: x{40}"));
    } finally {
      exec("umount", "-l", mnt.toString());
    }
  }

  /**
   * Makes a file unwritable: as root permission bits do not stop writes, so the file is made
   * immutable instead. Returns whether it worked (a filesystem may not support it).
   */
  private static boolean makeReadOnly(Path file) throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    return root ? exec("chattr", "+i", file.toString()) == 0 : file.toFile().setWritable(false);
  }

  private static void makeWritable(Path file) throws IOException, InterruptedException {
    exec("chattr", "-i", file.toString());
    file.toFile().setWritable(true);
  }

  @Test
  void anOutputFileMadeReadOnlyMidJobFailsTheJob() throws Exception {
    // whether a file can be made read-only here is decided on the test's thread, before the job
    Path probe = Files.writeString(tmp.resolve("probe.txt"), "");
    boolean lockable = makeReadOnly(probe);
    boolean locks;
    try {
      Files.writeString(probe, "x", StandardOpenOption.APPEND);
      locks = false;
    } catch (IOException expected) {
      locks = lockable;
    } finally {
      makeWritable(probe);
    }
    assumeTrue(locks, "cannot make a file read-only in " + tmp);

    TestJobs.inputFiles(tmp.resolve("in"), 2000);
    var d = TestJobs.deployment(tmp, 2, 10, 1, Duration.ofSeconds(30), -1, false, Map.of());
    Path predictions = tmp.resolve("out/predictions.csv");
    AtomicBoolean locked = new AtomicBoolean();
    AtomicBoolean lockFailed = new AtomicBoolean();
    try {
      JobResult r =
          TestJobs.run(
              d,
              tmp.resolve("in"),
              tmp.resolve("out"),
              () ->
                  TestJobs.scorer(
                      b -> {
                        if (b.index() == 50
                            && locked.compareAndSet(false, true)
                            && !makeReadOnly(predictions)) {
                          lockFailed.set(true);
                        }
                        if (b.index() > 50) {
                          Thread.sleep(1);
                        }
                        return b.files().stream().map(f -> f.getFileName() + ": ok").toList();
                      }));
      assertThat(lockFailed).as("the output was made read-only mid-job").isFalse();
      assertThat(locked).as("mini-batch 50 was scored").isTrue();
      assertThat(r.status()).isEqualTo(JobStatus.Failed);
      assertThat(r.reason()).contains("cannot write the output");
      assertThat(TestJobs.lines(tmp.resolve("out/logs/job_result.txt")).get(0)).isEqualTo("Failed");
      assertThat(TestJobs.lines(tmp.resolve("out/logs/job_error.txt")).get(0))
          .contains("cannot write the output");
      assertThat(TestJobs.lines(predictions)).allMatch(l -> l.matches("item-\\d{5}\\.txt: ok"));
    } finally {
      makeWritable(predictions);
    }
  }

  @Test
  void aRemovedOutputFolderFailsTheJob() throws Exception {
    TestJobs.inputFiles(tmp.resolve("in"), 600);
    var d = TestJobs.deployment(tmp, 2, 5, 1, Duration.ofSeconds(30), -1, false, Map.of());
    Path out = tmp.resolve("out");
    AtomicBoolean removed = new AtomicBoolean();
    JobResult r =
        TestJobs.run(
            d,
            tmp.resolve("in"),
            out,
            () ->
                TestJobs.scorer(
                    b -> {
                      if (b.index() == 10 && removed.compareAndSet(false, true)) {
                        try (var paths = Files.walk(out)) {
                          for (Path p :
                              paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(p);
                          }
                        }
                      }
                      Thread.sleep(10);
                      return b.files().stream().map(f -> f.getFileName() + ": ok").toList();
                    }));
    assertThat(r.status()).isEqualTo(JobStatus.Failed);
    assertThat(r.reason()).contains("no longer exists");
    assertThat(TestJobs.lines(out.resolve("logs/job_result.txt")).get(0)).isEqualTo("Failed");
  }
}
