package io.batchscore.core.logs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * The {@link System.Logger} a scorer gets from its context. Lines go to the worker's
 * {@code logs/user/stdout/<node>/process<NNN>.stdout.txt}; records with a throwable, and those at
 * {@code ERROR}, go to {@code logs/user/error/...} too, with the stack trace. Records below the
 * deployment's {@code logging_level} are dropped.
 */
public final class WorkerLogger implements Logger {

  private final String name;
  private final Level threshold;
  private final LogFile stdout;
  private final LogFile error;

  /**
   * @param name the worker's name, such as {@code node000/process001}
   * @param threshold the lowest level written
   * @param stdout the worker's log
   * @param error the worker's error log
   */
  public WorkerLogger(String name, Level threshold, LogFile stdout, LogFile error) {
    this.name = name;
    this.threshold = threshold;
    this.stdout = stdout;
    this.error = error;
  }

  /**
   * Maps a deployment's {@code logging_level} to a logger level.
   *
   * @param loggingLevel DEBUG, INFO, WARNING, ERROR or CRITICAL (any case)
   * @return the level
   */
  public static Level levelOf(String loggingLevel) {
    return switch (loggingLevel.toUpperCase(Locale.ROOT)) {
      case "DEBUG" -> Level.DEBUG;
      case "TRACE" -> Level.TRACE;
      case "WARNING", "WARN" -> Level.WARNING;
      case "ERROR", "CRITICAL" -> Level.ERROR;
      default -> Level.INFO;
    };
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
    String line = line(level, msg);
    stdout.write(line);
    if (thrown != null || level == Level.ERROR) {
      error.write(thrown == null ? line : line + stackTrace(thrown));
    }
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String format, Object... params) {
    if (!isLoggable(level)) {
      return;
    }
    String msg =
        params == null || params.length == 0 ? format : MessageFormat.format(format, params);
    log(level, bundle, msg, (Throwable) null);
  }

  @Override
  public void log(Level level, Supplier<String> msgSupplier) {
    if (isLoggable(level)) {
      log(level, null, msgSupplier.get(), (Throwable) null);
    }
  }

  private String line(Level level, String msg) {
    return LogTimestamp.now()
        + " "
        + padded(level)
        + " ["
        + name
        + "] "
        + msg
        + System.lineSeparator();
  }

  /** @return the level's name padded to 7 characters, as {@code %-7s} would */
  static String padded(Level level) {
    return switch (level) {
      case ALL -> "ALL    ";
      case TRACE -> "TRACE  ";
      case DEBUG -> "DEBUG  ";
      case INFO -> "INFO   ";
      case WARNING -> "WARNING";
      case ERROR -> "ERROR  ";
      case OFF -> "OFF    ";
    };
  }

  /**
   * @param t a throwable
   * @return its stack trace as text
   */
  public static String stackTrace(Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    return sw.toString();
  }
}
