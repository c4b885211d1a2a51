package io.batchscore.core.schedule;

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

  /** Adds the model's and the code's checksums to the fingerprint. */
  static void put(Map<String, String> fingerprint, Deployment d, Path input, Path output)
      throws IOException {
    fingerprint.put(JobFingerprint.MODEL_CHECKSUM, ContentChecksum.of(d.modelPath(), output,
        input));
    fingerprint.put(JobFingerprint.CODE_CHECKSUM,
        d.code().isPresent() ? ContentChecksum.of(d.code().get(), output, input) : "");
  }

  /** Waits for {@link #put}, turning a file it could not read into a one-line error. */
  static void await(Future<?> checksums) throws InterruptedException, ExecutionException {
    try {
      checksums.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw new DeploymentException("cannot read the model or the scorer code to checksum it: "
            + io);
      }
      throw e;
    }
  }

  /**
   * Refuses a resume whose code or model changed since the interrupted job, unless forced.
   *
   * @throws DeploymentException naming what changed
   */
  static void compare(Map<String, String> before, Map<String, String> now, boolean force,
      Path outputDir, JobLog jobLog) {
    List<String> changed = JobFingerprint.changedContents(before, now);
    if (changed.isEmpty()) {
      return;
    }
    String what = String.join(" and ", changed);
    if (!force) {
      throw new DeploymentException("--resume refused: " + what + " changed since the job in "
          + outputDir + " began (files' sizes, times or contents differ), so its rows and new"
          + " ones would come from different versions; run the job again without --resume, or"
          + " add --force to resume anyway");
    }
    jobLog.warn("--resume --force: %s changed since the job began; rows before mini-batch"
        + " resumed from come from the earlier version", what);
  }
}
