package io.batchscore.core.output;

import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.logs.JobLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A job's claim on its output folder: the folder is the job's own and no other job writes into it
 * while it runs.
 *
 * <p><b>Ownership.</b> A job writes {@value #MARKER_FILE} into the folder. A folder that exists
 * and holds anything but a BatchScore job (no marker, no {@code logs/sys/job_state.json}, and
 * something other than the lock file) is refused. A folder holding an earlier job that committed
 * anything ({@code logs/sys/job_state.json}) is refused unless the job resumes it or the user
 * says to overwrite it.
 *
 * <p><b>Lock.</b> While a job runs it holds an exclusive OS file lock ({@link FileChannel#tryLock})
 * on {@value #LOCK_FILE} in the folder; a second job into the same folder is refused at once.
 * The OS releases the lock when the process ends, however it ends (a SIGKILLed job leaves no
 * stale lock, and its folder stays resumable); the file itself is never removed, so two jobs
 * cannot lock two different files of the same name. While held, the file holds {@code pid N}.
 * {@link #lockHolder} tells from outside whether a live job holds a folder.
 *
 * <p>A POSIX lock belongs to the process, and closing <em>any</em> channel of the file releases
 * it; so within this JVM the folders held are also kept in a set, and a second job (or a probe)
 * here never opens the lock file of a folder a job of this JVM holds.
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

  /** What a folder held before the job. */
  enum Held { NOTHING, NO_JOB, UNFINISHED_JOB, FINISHED_JOB }

  /** The output folders (real paths) whose lock a job of this JVM holds. */
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final JobLayout layout;
  private final Path heldKey;
  private final FileChannel channel;
  private final FileLock lock;
  private final Held held;

  private OutputFolder(JobLayout layout, Path heldKey, FileChannel channel, FileLock lock,
      Held held) {
    this.layout = layout;
    this.heldKey = heldKey;
    this.channel = channel;
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
      throw inUse(dir, holder.get());
    }
    check(dir, inspect(layout), mode);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new DeploymentException("--output " + dir + " cannot be created: " + describe(e));
    }
    Path key = key(dir);
    if (!HELD_HERE.add(key)) {
      throw inUse(dir, "pid " + ProcessHandle.current().pid() + ", this process");
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.READ);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw inUse(dir, readHolder(channel));
      }
      Held held = inspect(layout); // again, now that no other job can change it
      check(dir, held, mode);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n")
          .getBytes(StandardCharsets.UTF_8)), 0);
      return new OutputFolder(layout, key, channel, lock, held);
    } catch (IOException e) {
      closeQuietly(channel);
      HELD_HERE.remove(key);
      throw new DeploymentException("--output " + dir + ": cannot lock " + LOCK_FILE + ": "
          + describe(e));
    } catch (RuntimeException e) {
      closeQuietly(channel);
      HELD_HERE.remove(key);
      throw e;
    }
  }

  /** @return the folder's real path, or its absolute one when it cannot be resolved */
  private static Path key(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize();
    }
  }

  /**
   * Whether a live job holds the folder's lock, without taking it for long.
   *
   * @param dir an output folder
   * @return who holds it ({@code pid N}, as the lock file says), or empty when no job does
   */
  public static Optional<String> lockHolder(Path dir) {
    Path file = dir.resolve(LOCK_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    if (HELD_HERE.contains(key(dir))) { // opening and closing the file would release the lock
      return Optional.of("pid " + ProcessHandle.current().pid() + ", this process");
    }
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE,
        StandardOpenOption.READ)) {
      FileLock probe = tryLock(c);
      if (probe == null) {
        return Optional.of(readHolder(c));
      }
      probe.release();
      return Optional.empty();
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // an unreadable lock file cannot be held by a job of ours either
    }
  }

  /** @return the lock, or null when another process, or another job of this JVM, holds it */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException sameJvm) {
      return null;
    }
  }

  private static String readHolder(FileChannel channel) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(256);
    channel.read(b, 0);
    String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
    return s.isEmpty() ? "a process starting" : s;
  }

  private static DeploymentException inUse(Path dir, String holder) {
    return new DeploymentException("--output " + dir + " is in use by another job (" + holder
        + ", holding " + LOCK_FILE + "); wait for it to end or choose another folder");
  }

  private static Held inspect(JobLayout layout) {
    Path dir = layout.outputDir();
    if (!Files.exists(dir)) {
      return Held.NOTHING;
    }
    if (!Files.isDirectory(dir)) {
      throw new DeploymentException("--output " + dir + " is a file, not a folder");
    }
    if (Files.exists(layout.jobState())) {
      return finished(layout) ? Held.FINISHED_JOB : Held.UNFINISHED_JOB;
    }
    if (Files.exists(dir.resolve(MARKER_FILE))) {
      return Held.NO_JOB;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (!p.getFileName().toString().equals(LOCK_FILE)) {
          throw new DeploymentException("--output " + dir + " holds files BatchScore did not"
              + " write (such as " + p.getFileName() + "); choose a new or empty folder");
        }
      }
    } catch (IOException e) {
      throw new DeploymentException("--output " + dir + " cannot be read: " + describe(e));
    }
    return Held.NOTHING;
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

  private static void check(Path dir, Held held, Mode mode) {
    if (mode == Mode.NEW && held == Held.FINISHED_JOB) {
      throw new DeploymentException("--output " + dir + " holds a finished job"
          + " (logs/job_result.txt); choose another folder, or add --overwrite to replace it");
    }
    if (mode == Mode.NEW && held == Held.UNFINISHED_JOB) {
      throw new DeploymentException("--output " + dir + " holds an unfinished job; add --resume"
          + " to finish it, or --overwrite to replace it");
    }
    if (mode == Mode.RESUME && held != Held.UNFINISHED_JOB && held != Held.FINISHED_JOB) {
      throw new DeploymentException("--resume: " + dir
          + " holds no job to resume (no logs/sys/job_state.json)");
    }
  }

  /** @return true when the folder held a job that committed something before this one */
  public boolean heldEarlierJob() {
    return held == Held.UNFINISHED_JOB || held == Held.FINISHED_JOB;
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
    if (!resume && held != Held.NOTHING) {
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
      Files.writeString(marker, "This folder is a BatchScore job's output; BatchScore refuses to"
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

  private static String describe(IOException e) {
    return e instanceof java.nio.file.FileSystemException f && f.getReason() != null
        ? f.getReason() + " (" + f.getFile() + ")" : e.toString();
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // closing releases the lock; nothing else to do
      }
    }
  }

  /** Releases the lock; the lock file stays. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // the channel's close below releases it too
    }
    closeQuietly(channel);
    HELD_HERE.remove(heldKey);
  }
}
