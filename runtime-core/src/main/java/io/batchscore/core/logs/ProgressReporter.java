package io.batchscore.core.logs;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Follows the job's progress on its own daemon thread until {@link #close}: every
 * {@value #TICK_MILLIS} ms it reads the progress, hands it to a sampler (the report's throughput
 * series) and to the console {@link ProgressView} (a bar moves); every period it writes a plain
 * line to {@code job_progress_overview.<yyyyMMddHH>.txt} and to the view (plain lines show it).
 *
 * <p><b>Concurrency.</b> The sampler and the view are called from the reporter's thread only,
 * and then from the job's thread in {@link #report} once the job is over; {@link #report}
 * itself may race with the reporter's thread, so it is synchronized with the tick.
 */
public final class ProgressReporter implements AutoCloseable {

  /** How often progress is sampled and the bar moved. */
  static final long TICK_MILLIS = 250;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final LogFile overview;
  private final ProgressView view;
  private final Supplier<Progress> progress;
  private final Consumer<Progress> sampler;
  private final long periodMillis;
  private final Thread thread;
  private volatile boolean closed;
  private boolean finished; // guarded by this

  /**
   * @param overview the progress overview file
   * @param view the console view
   * @param progress reads the job's progress
   * @param periodMillis how often a line is written
   * @param sampler takes every sampled progress, such as the report's throughput series
   */
  public ProgressReporter(
      LogFile overview,
      ProgressView view,
      Supplier<Progress> progress,
      long periodMillis,
      Consumer<Progress> sampler) {
    if (periodMillis <= 0) {
      throw new IllegalArgumentException("progress period " + periodMillis + " ms is not positive");
    }
    this.overview = overview;
    this.view = view;
    this.progress = progress;
    this.sampler = sampler;
    this.periodMillis = periodMillis;
    this.thread = new Thread(this::loop, "batchscore-progress");
    thread.setDaemon(true);
  }

  /** Starts reporting. */
  public void start() {
    thread.start();
  }

  private void loop() {
    long tick = Math.min(TICK_MILLIS, periodMillis);
    long nextLine = System.nanoTime() + periodMillis * 1_000_000L;
    while (!closed) {
      try {
        Thread.sleep(tick);
      } catch (InterruptedException e) {
        return;
      }
      boolean lineDue = System.nanoTime() - nextLine >= 0;
      if (lineDue) {
        nextLine += periodMillis * 1_000_000L;
      }
      tick(lineDue);
    }
  }

  /**
   * One tick: samples the progress and moves the view; with {@code lineDue}, also writes the line.
   * Package-private so that tests drive ticks themselves, without the thread and its clock.
   */
  synchronized void tick(boolean lineDue) {
    if (closed || finished) {
      return;
    }
    Progress p = progress.get();
    sampler.accept(p);
    view.update(p);
    if (lineDue) {
      String line = line("Running", p);
      overview.write(line + System.lineSeparator());
      view.line(line);
    }
  }

  /**
   * Writes the final line now and finishes the console view; later ticks do nothing.
   *
   * @param state the job's state word, such as {@code Completed}
   */
  public synchronized void report(String state) {
    Progress p = progress.get();
    sampler.accept(p);
    String line = line(state, p);
    overview.write(line + System.lineSeparator());
    if (!finished) {
      finished = true;
      view.finish(p, line);
    }
  }

  private static String line(String state, Progress p) {
    return TIME.format(LocalDateTime.now(java.time.ZoneId.systemDefault()))
        + " "
        + state
        + ": "
        + p.line();
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    synchronized (this) {
      if (!finished) { // the job ended without a final report: release the console anyway
        finished = true;
        Progress p = progress.get();
        view.finish(p, line("Stopped", p));
      }
    }
    overview.close();
  }
}
