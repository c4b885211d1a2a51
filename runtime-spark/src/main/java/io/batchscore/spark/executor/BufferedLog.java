package io.batchscore.spark.executor;

import io.batchscore.core.logs.LogTimestamp;
import io.batchscore.core.logs.WorkerLogger;
import java.lang.System.Logger;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The logger a scorer on an executor gets: lines formatted as a local worker's, kept in memory
 * until the task that ran them hands them to the driver ({@link #drain}), which appends them to
 * the worker's {@code logs/user/stdout/<executor>/process<NNN>.stdout.txt} (and {@code error/}).
 */
public final class BufferedLog implements Logger {

  /**
   * Lines taken from the log.
   *
   * @param stdout the lines for the worker's stdout log
   * @param error the lines (with stack traces) for the worker's error log
   */
  public record Lines(String stdout, String error) implements java.io.Serializable {}

  private final String name;
  private final Level threshold;
  private final StringBuilder stdout = new StringBuilder(); // guarded by this
  private final StringBuilder error = new StringBuilder(); // guarded by this

  /**
   * @param name the worker's name, such as {@code executor1/process000}
   * @param loggingLevel the deployment's {@code logging_level}
   */
  public BufferedLog(String name, String loggingLevel) {
    this.name = name;
    this.threshold = WorkerLogger.levelOf(loggingLevel);
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public boolean isLoggable(Level level) {
    return level != Level.OFF && level.getSeverity() >= threshold.getSeverity();
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
    if (!isLoggable(level)) {
      return;
    }
    String line =
        LogTimestamp.now()
            + " "
            + String.format(Locale.ROOT, "%-7s", level.getName())
            + " ["
            + name
            + "] "
            + msg
            + System.lineSeparator();
    synchronized (this) {
      stdout.append(line);
      if (thrown != null || level == Level.ERROR) {
        error.append(line);
        if (thrown != null) {
          error.append(WorkerLogger.stackTrace(thrown));
        }
      }
    }
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String format, Object... params) {
    if (isLoggable(level)) {
      log(
          level,
          bundle,
          params == null || params.length == 0 ? format : MessageFormat.format(format, params),
          (Throwable) null);
    }
  }

  /** @return the lines logged since the last call, taken out of the buffer */
  public synchronized Lines drain() {
    Lines l = new Lines(stdout.toString(), error.toString());
    stdout.setLength(0);
    error.setLength(0);
    return l;
  }
}
