package io.batchscore.core.output;

import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.logs.JobLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A job's claim on its output folder: the folder is the job's own and no other job writes into it
 * while it runs.
 *
 * <p><b>Ownership</b> ({@link FolderContents}). A job writes {@value #MARKER_FILE} into the folder.
 * A folder that exists and holds anything but a BatchScore job is refused. A folder holding an
 * earlier job that committed anything ({@code logs/sys/job_state.json}) is refused unless the job
 * resumes it or the user says to overwrite it.
 *
 * <p><b>Lock</b> ({@link FolderLock}). While a job runs it holds an exclusive OS file lock on
 * {@value #LOCK_FILE} in the folder; a second job into the same folder is refused at once, and a
 * SIGKILLed job leaves no stale lock. {@link #lockHolder} tells from outside whether a live job
 * holds a folder.
 */
public final class OutputFolder implements AutoCloseable {

  /** The lock file a running job holds an exclusive OS lock on. */
  public static final String LOCK_FILE = ".batchscore.lock";

  /** The marker file that says a BatchScore job owns the folder. */
  public static final String MARKER_FILE = ".batchscore";

  /** What a run wants to do with the folder. */
  public enum Mode {
    /** A new job; the folder must hold no earlier job. */
    NEW,
    /** A new job that replaces a finished or unfinished earlier one. */
    OVERWRITE,
    /** Finish the interrupted job the folder holds. */
    RESUME
  }

  private final JobLayout layout;
  private final FolderLock lock;
  private final FolderContents held;

  private OutputFolder(JobLayout layout, FolderLock lock, FolderContents held) {
    this.layout = layout;
    this.lock = lock;
    this.held = held;
  }

  /**
   * Claims the folder: checks what it holds against {@code mode}, creates it if needed and takes
   * its lock. Nothing already in the folder is changed.
   *
   * @param layout the job's layout
   * @param mode what the run wants
   * @return the claim; close it when the job ends
   * @throws DeploymentException when the folder cannot be used, in one line naming it and why
   */
  public static OutputFolder claim(JobLayout layout, Mode mode) {
    Path dir = layout.outputDir();
    Optional<String> holder = lockHolder(dir);
    if (holder.isPresent()) {
      throw FolderLock.inUse(dir, holder.get());
    }
    FolderContents.of(layout).allow(dir, mode);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new DeploymentException("--output " + dir + " cannot be created: " + describe(e));
    }
    FolderContents[] held = new FolderContents[1];
    FolderLock lock =
        FolderLock.take(
            dir,
            () -> {
              held[0] = FolderContents.of(layout); // again, now that no other job can change it
              held[0].allow(dir, mode);
            });
    return new OutputFolder(layout, lock, held[0]);
  }

  /**
   * Whether a live job holds the folder's lock, without taking it for long.
   *
   * @param dir an output folder
   * @return who holds it ({@code pid N}, as the lock file says), or empty when no job does
   */
  public static Optional<String> lockHolder(Path dir) {
    return FolderLock.holder(dir);
  }

  /** @return true when the folder held a job that committed something before this one */
  public boolean heldEarlierJob() {
    return held.isJob();
  }

  /**
   * Makes the folder ready for the job, once it is sure to start: for a new job the earlier
   * job's predictions file and logs are removed; the log folders and the marker are created.
   *
   * @param predictionsFile the predictions file, or null
   * @param resume true when the job resumes the folder's job
   * @throws IOException when the folder cannot be written
   */
  public void prepare(Path predictionsFile, boolean resume) throws IOException {
    if (!resume && held != FolderContents.NOTHING) {
      if (predictionsFile != null) {
        Files.deleteIfExists(predictionsFile);
      }
      if (Files.isDirectory(layout.logsDir())) {
        try (Stream<Path> paths = Files.walk(layout.logsDir())) {
          for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    }
    layout.create();
    Path marker = layout.outputDir().resolve(MARKER_FILE);
    if (!Files.exists(marker)) {
      Files.writeString(
          marker,
          "This folder is a BatchScore job's output; BatchScore refuses to"
              + " write into a folder without this file unless it is empty.\n",
          StandardCharsets.UTF_8);
    }
  }

  /**
   * @param output an output folder, which may not exist yet
   * @param input an input folder
   * @return true when the output is the input or lies under it, links resolved
   */
  public static boolean isInside(Path output, Path input) {
    try {
      return realPath(output).startsWith(input.toRealPath());
    } catch (IOException e) {
      return false; // an input that cannot be resolved is reported when it is listed
    }
  }

  /** @return the real path of the nearest existing ancestor, with the rest appended */
  private static Path realPath(Path p) throws IOException {
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing == null ? abs : existing.toRealPath().resolve(existing.relativize(abs));
  }

  /** @return an I/O failure in a few words, naming the file */
  static String describe(IOException e) {
    return e instanceof java.nio.file.FileSystemException f && f.getReason() != null
        ? f.getReason() + " (" + f.getFile() + ")"
        : e.toString();
  }

  /** Releases the lock; the lock file stays. */
  @Override
  public void close() {
    lock.close();
  }
}
