package io.batchscore.core.logs;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * Writes the job's progress every few seconds to {@code job_progress_overview.<yyyyMMddHH>.txt}
 * and, as plain lines, to the console; runs on its own daemon thread until {@link #close}.
 */
public final class ProgressReporter implements AutoCloseable {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final LogFile overview;
  private final PrintStream console;
  private final Supplier<Progress> progress;
  private final long periodMillis;
  private final Thread thread;
  private volatile boolean closed;

  /**
   * @param overview the progress overview file
   * @param console where plain progress lines go, or null for none
   * @param progress reads the job's progress
   * @param periodMillis how often
   */
  public ProgressReporter(LogFile overview, PrintStream console, Supplier<Progress> progress,
      long periodMillis) {
    this.overview = overview;
    this.console = console;
    this.progress = progress;
    this.periodMillis = periodMillis;
    this.thread = new Thread(this::loop, "batchscore-progress");
    thread.setDaemon(true);
  }

  /** Starts reporting. */
  public void start() {
    thread.start();
  }

  private void loop() {
    while (!closed) {
      try {
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        return;
      }
      if (!closed) {
        report("Running");
      }
    }
  }

  /**
   * Writes one line now.
   *
   * @param state the job's state word, such as {@code Running} or {@code Completed}
   */
  public void report(String state) {
    String line = TIME.format(LocalDateTime.now()) + " " + state + ": " + progress.get().line();
    overview.write(line + System.lineSeparator());
    if (console != null) {
      console.println(line);
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    overview.close();
  }
}
