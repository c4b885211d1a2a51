package io.batchscore.core.job;

import io.batchscore.core.resume.JobFingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job's {@code logs/sys/job_state.json}: its fingerprint, written once the folder is ready,
 * and again when the scorer code's and model's checksums, taken on their own thread so a new job
 * does not wait for them, are known. Each write replaces the file whole (a temporary file
 * renamed over it). Nothing is written once the job has ended and released its folder.
 *
 * <p>Everything is guarded by this object's lock: the fingerprint is filled in by the checksum
 * thread and written by either thread.
 */
final class JobState {

  private final Path file;
  private final Map<String, String> fingerprint;
  private boolean folderReady;
  private boolean closed;

  JobState(Path file, Map<String, String> fingerprint) {
    this.file = file;
    this.fingerprint = new LinkedHashMap<>(fingerprint);
  }

  /** Adds the checksums; written at once when the folder is ready. */
  synchronized void checksums(Map<String, String> sums) throws IOException {
    fingerprint.putAll(sums);
    if (folderReady && !closed) {
      write();
    }
  }

  /** The folder is ready: writes what is known. */
  synchronized void folderReady() throws IOException {
    folderReady = true;
    write();
  }

  /** @return the fingerprint as now known */
  synchronized Map<String, String> fingerprint() {
    return new LinkedHashMap<>(fingerprint);
  }

  /** The job has ended: no more writes. */
  synchronized void close() {
    closed = true;
  }

  private void write() throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JobFingerprint.write(tmp, fingerprint);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
