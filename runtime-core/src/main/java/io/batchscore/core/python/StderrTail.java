package io.batchscore.core.python;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A Python process's stderr (the script's {@code print} and stderr, as the driver runs it with
 * stdout redirected), copied line by line to the output sink by a thread of its own; the last
 * lines are kept for the message about a process that died.
 */
final class StderrTail {
  private static final int LINES = 20;

  private final Deque<String> tail = new ArrayDeque<>(); // guarded by itself
  private final Thread thread;

  /**
   * @param stderr the process's stderr
   * @param outputSink where its lines go
   * @param threadName the copying thread's name
   */
  StderrTail(InputStream stderr, BiConsumer<Level, String> outputSink, String threadName) {
    this.thread = new Thread(() -> pump(stderr, outputSink), threadName);
    thread.setDaemon(true);
  }

  /** Starts copying. */
  void start() {
    thread.start();
  }

  /**
   * @param millis how long to wait for the stream's end, so that the last lines are in
   * @return the last lines read, oldest first
   */
  List<String> lastLines(long millis) throws InterruptedException {
    thread.join(millis);
    synchronized (tail) {
      return new ArrayList<>(tail);
    }
  }

  /** Waits, at most {@code millis}, for the stream's end. */
  void awaitEnd(long millis) throws InterruptedException {
    thread.join(millis);
  }

  private void pump(InputStream stderr, BiConsumer<Level, String> outputSink) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        synchronized (tail) {
          if (tail.size() == LINES) {
            tail.removeFirst();
          }
          tail.addLast(line);
        }
        outputSink.accept(Level.INFO, line);
      }
    } catch (IOException e) {
      // the process is gone
    }
  }
}
