package io.batchscore.core.logs;

/**
 * The runtime's own account of a job in {@code logs/sys/job.log}: settings, workers starting and
 * being replaced, retries, timeouts, the end. One line per event.
 */
public final class JobLog implements AutoCloseable {

  private final LogFile file;

  /** @param file where the lines go */
  public JobLog(LogFile file) {
    this.file = file;
  }

  /**
   * @param format a {@link String#format} pattern
   * @param args its arguments
   */
  public void info(String format, Object... args) {
    write("INFO   ", String.format(format, args));
  }

  /**
   * @param format a {@link String#format} pattern
   * @param args its arguments
   */
  public void warn(String format, Object... args) {
    write("WARNING", String.format(format, args));
  }

  private void write(String level, String msg) {
    file.write(LogTimestamp.now() + " " + level + " " + msg + System.lineSeparator());
  }

  @Override
  public void close() {
    file.close();
  }
}
