package io.batchscore.core.output;

import io.batchscore.core.deployment.DeploymentException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive OS file lock ({@link FileChannel#tryLock}) a running job holds on {@value
 * OutputFolder#LOCK_FILE} in its output folder; a second job into the same folder is refused at
 * once. The OS releases the lock when the process ends, however it ends (a SIGKILLed job leaves no
 * stale lock); the file itself is never removed, so two jobs cannot lock two different files of
 * the same name. While held, the file holds {@code pid N}.
 *
 * <p>A POSIX lock belongs to the process, and closing <em>any</em> channel of the file releases
 * it; so within this JVM the folders held are also kept in a set, and a second job (or a probe)
 * here never opens the lock file of a folder a job of this JVM holds.
 */
final class FolderLock implements AutoCloseable {

  /** The output folders (real paths) whose lock a job of this JVM holds. */
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path heldKey;
  private final FileChannel channel;
  private final FileLock lock;

  private FolderLock(Path heldKey, FileChannel channel, FileLock lock) {
    this.heldKey = heldKey;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of an existing folder, then runs {@code whileHeld} (which may throw to give
   * the lock up again) and writes this process's pid into the lock file.
   *
   * @param dir the output folder
   * @param whileHeld checks to make once no other job can change the folder
   * @return the lock; close it to release it
   * @throws DeploymentException when another job holds the folder or the file cannot be locked
   */
  static FolderLock take(Path dir, Runnable whileHeld) {
    Path key = key(dir);
    if (!HELD_HERE.add(key)) {
      throw inUse(dir, "pid " + ProcessHandle.current().pid() + ", this process");
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              dir.resolve(OutputFolder.LOCK_FILE),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.READ);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw inUse(dir, readHolder(channel));
      }
      whileHeld.run();
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              ("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)),
          0);
      return new FolderLock(key, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      HELD_HERE.remove(key);
      throw new DeploymentException(
          "--output "
              + dir
              + ": cannot lock "
              + OutputFolder.LOCK_FILE
              + ": "
              + OutputFolder.describe(e));
    } catch (RuntimeException e) {
      closeQuietly(channel);
      HELD_HERE.remove(key);
      throw e;
    }
  }

  /**
   * Whether a live job holds the folder's lock, without taking it for long.
   *
   * @param dir an output folder
   * @return who holds it ({@code pid N}, as the lock file says), or empty when no job does
   */
  static Optional<String> holder(Path dir) {
    Path file = dir.resolve(OutputFolder.LOCK_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    if (HELD_HERE.contains(key(dir))) { // opening and closing the file would release the lock
      return Optional.of("pid " + ProcessHandle.current().pid() + ", this process");
    }
    try (FileChannel c =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
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

  /** @return the failure for a folder that {@code holder} holds */
  static DeploymentException inUse(Path dir, String holder) {
    return new DeploymentException(
        "--output "
            + dir
            + " is in use by another job ("
            + holder
            + ", holding "
            + OutputFolder.LOCK_FILE
            + "); wait for it to end or choose another folder");
  }

  /** @return the folder's real path, or its absolute one when it cannot be resolved */
  private static Path key(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize();
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
