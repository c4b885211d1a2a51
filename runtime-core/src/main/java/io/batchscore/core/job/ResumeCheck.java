package io.batchscore.core.job;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.input.MiniBatchSource;
import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.resume.Checkpoint;
import io.batchscore.core.resume.CommitJournal;
import io.batchscore.core.resume.JobFingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code --resume} checks before going on: the folder holds the same job, its commit journal
 * is readable, and the input still lists the mini-batches committed before alike. Each refusal
 * is a one-line {@link DeploymentException} saying what to do.
 */
final class ResumeCheck {

  private ResumeCheck() {}

  /** @return the interrupted job's fingerprint, from {@code job_state.json} */
  static Map<String, String> readFingerprint(JobLayout layout) {
    try {
      return JobFingerprint.read(layout.jobState());
    } catch (IOException e) {
      throw new DeploymentException(
          "--resume: "
              + layout.jobState()
              + " cannot be read ("
              + e.getMessage()
              + "); run the job again without --resume");
    }
  }

  /** @return where the interrupted job's last commit left its files */
  static CommitJournal.Recovered recover(
      JobLayout layout, Deployment d, Path input, Map<String, String> before) throws IOException {
    List<String> diffs = JobFingerprint.differences(before, d, input);
    if (!diffs.isEmpty()) {
      throw new DeploymentException(
          "--resume refused: "
              + layout.outputDir()
              + " holds a different job: "
              + String.join("; ", diffs));
    }
    Path predictions = layout.predictions(d.outputFileName());
    try {
      return CommitJournal.readLast(
              layout.commitJournal(),
              sizeOf(predictions),
              sizeOf(layout.processedMiniBatches()),
              sizeOf(layout.failedItems()))
          .orElse(new CommitJournal.Recovered(Checkpoint.START, 0));
    } catch (IllegalArgumentException e) { // a line neither torn nor a checkpoint
      throw new DeploymentException(
          "--resume: "
              + layout.commitJournal()
              + " is damaged ("
              + e.getMessage()
              + "); run the job again without --resume");
    }
  }

  /**
   * Skips the mini-batches the interrupted job committed, refusing to go on when the input no
   * longer lists them as it did: rows of files since added, removed, renamed or modified would
   * sit in the output beside rows scored from the input as it is now.
   */
  static void skipCommitted(MiniBatchSource source, Checkpoint cp, Path input, Path outputDir)
      throws IOException {
    long skipped = source.skip(cp.nextIndex());
    long items = cp.itemsSucceeded() + cp.itemsFailed();
    if (skipped < cp.nextIndex()) {
      throw new DeploymentException(
          "--resume refused: "
              + input
              + " now makes "
              + skipped
              + " mini-batch(es), fewer than the "
              + cp.nextIndex()
              + " ("
              + items
              + " items) that "
              + outputDir
              + " committed: files were removed; run the job again without --resume");
    }
    String now = source.listingDigest();
    if (cp.nextIndex() > 0 && cp.listing().isEmpty() && !now.isEmpty()) {
      throw new DeploymentException(
          "--resume refused: the commits in "
              + outputDir
              + " do not record the input's listing (an earlier BatchScore wrote them), so it cannot"
              + " be checked; run the job again without --resume");
    }
    if (!cp.listing().equals(now)) {
      throw new DeploymentException(
          "--resume refused: the files of the first "
              + cp.nextIndex()
              + " mini-batch(es) ("
              + items
              + " items) committed in "
              + outputDir
              + " are no longer listed alike under "
              + input
              + " (a file among them was added,"
              + " removed, renamed or modified; listing digest was "
              + cp.listing()
              + ", now "
              + now
              + "); run the job again without --resume");
    }
  }

  private static long sizeOf(Path file) throws IOException {
    return Files.exists(file) ? Files.size(file) : 0;
  }
}
