package io.batchscore.core.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The frames the Python driver writes on its stdout, read by a thread of their own: {@code log}
 * frames go to the log sink as they come, every other frame is queued as a reply for the caller
 * that waits on it. When the stream ends, or breaks, an end marker is queued, so a caller waiting
 * on a dead process wakes.
 */
final class DriverReplies {
  private static final JsonNode END = MissingNode.getInstance();

  private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile String readError;
  private volatile boolean ended;

  /**
   * @param stdout the driver's stdout
   * @param logSink where the script's logging records go (level, text)
   * @param threadName the reading thread's name
   */
  DriverReplies(InputStream stdout, BiConsumer<Level, String> logSink, String threadName) {
    this.thread = new Thread(() -> read(stdout, logSink), threadName);
    thread.setDaemon(true);
  }

  /** Starts reading. */
  void start() {
    thread.start();
  }

  /**
   * @return the next reply, or null when the stream ended first
   * @throws InterruptedException when the waiting thread is interrupted
   */
  @SuppressWarnings("ReferenceEquality") // END is a sentinel: its identity is the point
  JsonNode take() throws InterruptedException {
    JsonNode reply = replies.take();
    return reply == END ? null : reply;
  }

  /** @return the next reply, or null when the stream ended first or none came in time */
  @SuppressWarnings("ReferenceEquality") // END is a sentinel: its identity is the point
  JsonNode poll(long timeout, TimeUnit unit) throws InterruptedException {
    JsonNode reply = replies.poll(timeout, unit);
    return reply == END ? null : reply;
  }

  /** @return true once the stream has ended (or broken) */
  boolean ended() {
    return ended;
  }

  /** @return why reading failed, or null when the stream ended normally (or has not ended) */
  String readError() {
    return readError;
  }

  private void read(InputStream stdout, BiConsumer<Level, String> logSink) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(stdout, 1 << 16))) {
      for (JsonNode frame = Frames.read(in); frame != null; frame = Frames.read(in)) {
        if ("log".equals(frame.path("type").asText())) {
          String name = frame.path("name").asText("root");
          logSink.accept(
              level(frame.path("level").asText()),
              (name.equals("root") ? "" : name + ": ") + frame.path("msg").asText());
        } else {
          replies.add(frame);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      readError = "reading the driver's replies failed: " + e.getMessage();
    } finally {
      ended = true;
      replies.add(END);
    }
  }

  /** @return the logger level of a Python logging level name */
  static Level level(String pythonLevel) {
    return switch (pythonLevel) {
      case "DEBUG", "NOTSET" -> Level.DEBUG;
      case "WARNING", "WARN" -> Level.WARNING;
      case "ERROR", "CRITICAL", "FATAL" -> Level.ERROR;
      default -> Level.INFO;
    };
  }
}
