package io.batchscore.core.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A text log file opened lazily on the first line and appended to by several threads. Each
 * {@link #write} is one unbuffered {@code write} of the text's UTF-8 bytes, so a reader (or a
 * crash) sees whole lines. A log that cannot be
 * written (disk full, folder removed) does not fail the job or the scorer that logs: the first
 * error is reported once on stderr and later lines are dropped.
 */
public final class LogFile implements AutoCloseable {

  private final Path path;
  private OutputStream out; // guarded by this
  private boolean broken; // guarded by this
  private StringBuilder held; // guarded by this; lines kept back while a LogHold holds them

  /** @param path the file; its folder is created on the first write */
  public LogFile(Path path) {
    this.path = path;
  }

  /**
   * @param path the file; its folder is created on the first write
   * @param hold keeps the lines in memory until it is released (or dropped)
   */
  public LogFile(Path path, LogHold hold) {
    this.path = path;
    synchronized (this) {
      this.held = hold.register(this) ? new StringBuilder() : null;
    }
  }

  /** @return the file */
  public Path path() {
    return path;
  }

  /**
   * Appends text (normally one or more whole lines) in one write.
   *
   * @param text what to append
   */
  public synchronized void write(String text) {
    if (broken) {
      return;
    }
    if (held != null) {
      held.append(text);
      return;
    }
    try {
      if (out == null) {
        Files.createDirectories(path.getParent());
        out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      broken = true;
      System.err.println(
          "batchscore: cannot write log "
              + path
              + " ("
              + e.getMessage()
              + "); its further lines are dropped");
    }
  }

  /** Writes the lines held so far; later lines are written at once. */
  synchronized void releaseHeld() {
    if (held != null) {
      String text = held.toString();
      held = null;
      if (!text.isEmpty()) {
        write(text);
      }
    }
  }

  /** Discards the lines held so far and every later line. */
  synchronized void dropHeld() {
    held = null;
    broken = true;
  }

  @Override
  public synchronized void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        // best effort: the lines were written already
      }
      out = null;
    }
  }
}
