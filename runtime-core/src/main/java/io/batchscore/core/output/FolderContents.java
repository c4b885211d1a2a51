package io.batchscore.core.output;

import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.logs.JobLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What an output folder holds before a job, and whether a run may use it: a folder that holds
 * anything but a BatchScore job (no marker, no {@code logs/sys/job_state.json}, and something
 * other than the lock file) is refused; one holding an earlier job that committed anything is
 * refused unless the run resumes it or overwrites it.
 */
enum FolderContents {
  /** No folder, or an empty one. */
  NOTHING,
  /** A BatchScore job's folder (the marker) in which no job committed anything. */
  NO_JOB,
  /** A job that committed something and did not run its course (killed, or Canceled). */
  UNFINISHED_JOB,
  /** A job that ended Completed or Failed. */
  FINISHED_JOB;

  /** @return true when an earlier job committed something in the folder */
  boolean isJob() {
    return this == UNFINISHED_JOB || this == FINISHED_JOB;
  }

  /**
   * @param layout the job's layout
   * @return what its output folder holds
   * @throws DeploymentException when it is a file, holds files BatchScore did not write, or
   *     cannot be read
   */
  static FolderContents of(JobLayout layout) {
    Path dir = layout.outputDir();
    if (!Files.exists(dir)) {
      return NOTHING;
    }
    if (!Files.isDirectory(dir)) {
      throw new DeploymentException("--output " + dir + " is a file, not a folder");
    }
    if (Files.exists(layout.jobState())) {
      return finished(layout) ? FINISHED_JOB : UNFINISHED_JOB;
    }
    if (Files.exists(dir.resolve(OutputFolder.MARKER_FILE))) {
      return NO_JOB;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (!p.getFileName().toString().equals(OutputFolder.LOCK_FILE)) {
          throw new DeploymentException(
              "--output "
                  + dir
                  + " holds files BatchScore did not"
                  + " write (such as "
                  + p.getFileName()
                  + "); choose a new or empty folder");
        }
      }
    } catch (IOException e) {
      throw new DeploymentException(
          "--output " + dir + " cannot be read: " + OutputFolder.describe(e));
    }
    return NOTHING;
  }

  /** @return true when the earlier job ran its course: Completed or Failed, not Canceled */
  private static boolean finished(JobLayout layout) {
    try {
      List<String> lines = Files.readAllLines(layout.jobResult(), StandardCharsets.UTF_8);
      return !lines.isEmpty() && !lines.get(0).equals("Canceled");
    } catch (IOException noResult) { // killed before its end
      return false;
    }
  }

  /**
   * @param dir the output folder, for messages
   * @param mode what the run wants
   * @throws DeploymentException when this content does not allow {@code mode}
   */
  void allow(Path dir, OutputFolder.Mode mode) {
    if (mode == OutputFolder.Mode.NEW && this == FINISHED_JOB) {
      throw new DeploymentException(
          "--output "
              + dir
              + " holds a finished job"
              + " (logs/job_result.txt); choose another folder, or add --overwrite to replace it");
    }
    if (mode == OutputFolder.Mode.NEW && this == UNFINISHED_JOB) {
      throw new DeploymentException(
          "--output "
              + dir
              + " holds an unfinished job; add --resume"
              + " to finish it, or --overwrite to replace it");
    }
    if (mode == OutputFolder.Mode.RESUME && !isJob()) {
      throw new DeploymentException(
          "--resume: " + dir + " holds no job to resume (no logs/sys/job_state.json)");
    }
  }
}
