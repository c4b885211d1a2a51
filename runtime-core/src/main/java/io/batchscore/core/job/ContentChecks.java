package io.batchscore.core.job;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.logs.JobLog;
import io.batchscore.core.resume.ContentChecksum;
import io.batchscore.core.resume.JobFingerprint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The scorer code's and the model's checksums in a job's fingerprint: taken on their own thread
 * while the workers load the model, and compared by a resume with the interrupted job's.
 */
final class ContentChecks {

  private ContentChecks() {}

  /** @return the model's and the code's checksums, by their fingerprint keys */
  static Map<String, String> of(Deployment d, Path input, Path output) throws IOException {
    return Map.of(
        JobFingerprint.MODEL_CHECKSUM,
        ContentChecksum.of(d.modelPath(), output, input),
        JobFingerprint.CODE_CHECKSUM,
        d.code().isPresent() ? ContentChecksum.of(d.code().get(), output, input) : "");
  }

  /** Waits for {@link #of}, turning a file it could not read into a one-line error. */
  static void await(Future<?> checksums) throws InterruptedException, ExecutionException {
    try {
      checksums.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw new DeploymentException(
            "cannot read the model or the scorer code to checksum it: " + io);
      }
      throw e;
    }
  }

  /** Lets the checksums finish (30 s at most) so the job's state records them; errors aside. */
  static void settle(Future<?> checksums) {
    try {
      checksums.get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      // not recorded: a resume then says it cannot check them
    }
  }

  /**
   * Refuses a resume whose code or model changed since the interrupted job, unless forced.
   *
   * @throws DeploymentException naming what changed
   */
  static void compare(
      Map<String, String> before,
      Map<String, String> now,
      boolean force,
      Path outputDir,
      JobLog jobLog) {
    if (!before.containsKey(JobFingerprint.MODEL_CHECKSUM)) {
      jobLog.warn(
          "the interrupted job recorded no checksums of its code and model (it ended in"
              + " its first moments, or an earlier BatchScore ran it): they are not checked");
      return;
    }
    List<String> changed = JobFingerprint.changedContents(before, now);
    if (changed.isEmpty()) {
      return;
    }
    String what = String.join(" and ", changed);
    if (!force) {
      throw new DeploymentException(
          "--resume refused: "
              + what
              + " changed since the job in "
              + outputDir
              + " began (files' sizes, times or contents differ), so its rows and new"
              + " ones would come from different versions; run the job again without --resume, or"
              + " add --force to resume anyway");
    }
    jobLog.warn(
        "--resume --force: %s changed since the job began; rows before mini-batch"
            + " resumed from come from the earlier version",
        what);
  }
}
