package io.batchscore.service.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The workspace's runner lock: an OS lock on {@code runner.lock} in the workspace folder, held by
 * the one live runner and released by the OS when its process dies, however it dies.
 */
public final class RunnerLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private RunnerLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @param workspace the workspace folder
   * @return the lock, or empty when another runner holds it
   */
  public static Optional<RunnerLock> tryAcquire(Path workspace) {
    try {
      FileChannel ch =
          FileChannel.open(
              workspace.resolve("runner.lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException held) {
        l = null;
      }
      if (l == null) {
        ch.close();
        return Optional.empty();
      }
      return Optional.of(new RunnerLock(ch, l));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + workspace.resolve("runner.lock"), e);
    }
  }

  /**
   * @param workspace the workspace folder
   * @return whether a runner holds the lock now
   */
  public static boolean isHeld(Path workspace) {
    Optional<RunnerLock> l = tryAcquire(workspace);
    l.ifPresent(RunnerLock::close);
    return l.isEmpty();
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the OS releases the lock with the channel anyway
    }
  }
}
