package io.batchscore.core.python;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One running Python driver process and the pipes to it.
 *
 * <p>Threads: the caller (a worker's thread) sends requests and waits for replies in {@link
 * #call}; a reader thread ({@link DriverReplies}) reads the driver's frames, hands {@code log}
 * messages to the log sink and queues replies; a second thread ({@link StderrTail}) copies the
 * process's stderr (the script's {@code print} and stderr) line by line to the output sink. {@link #call} waits interruptibly: a worker
 * interrupted by the watchdog kills the process group and rethrows.
 *
 * <p>No process outlives the JVM: the driver puts itself in its own process group, which {@link
 * #kill} kills as a whole, and kills that group itself when the JVM has gone (it watches its
 * parent process id, so even a SIGKILL of the JVM is noticed) or closes the pipe without a
 * shutdown.
 */
final class PythonProcess implements AutoCloseable {

  /** Reads the driver's source as the first frame and runs it; the last argument marks it. */
  static final String BOOTSTRAP =
      "import sys,struct;f=sys.stdin.buffer;"
          + "n=struct.unpack('>I',f.read(4))[0];"
          + "exec(compile(f.read(n),'batchscore_driver.py','exec'))";

  /**
   * The argument that names a BatchScore worker in the process table; the script's folder
   * follows it.
   */
  static final String MARKER = "batchscore-python-worker";

  private static final byte[] DRIVER = driverSource();

  private final Process process;
  private final String interpreter;
  private final OutputStream requests;
  private final DriverReplies replies;
  private final StderrTail stderr;
  private JsonNode hello;

  private PythonProcess(
      Process process,
      String interpreter,
      BiConsumer<Level, String> logSink,
      BiConsumer<Level, String> outputSink) {
    this.process = process;
    this.interpreter = interpreter;
    this.requests = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
    String name = "batchscore-python-" + process.pid();
    this.replies = new DriverReplies(process.getInputStream(), logSink, name);
    this.stderr = new StderrTail(process.getErrorStream(), outputSink, name + "-stderr");
  }

  /**
   * Starts the interpreter with the driver and waits for its {@code hello}.
   *
   * @param interpreter the interpreter's path
   * @param workDir the process's working folder
   * @param environment variables set on top of the JVM's own
   * @param logSink where the script's logging records go (level, text)
   * @param outputSink where the lines of its stdout and stderr go
   * @return the running process
   * @throws IOException when the interpreter cannot start or does not speak this protocol
   */
  static PythonProcess start(
      String interpreter,
      Path workDir,
      Map<String, String> environment,
      BiConsumer<Level, String> logSink,
      BiConsumer<Level, String> outputSink)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(interpreter, "-u", "-c", BOOTSTRAP, MARKER, workDir.toString())
            .directory(workDir.toFile());
    pb.environment().putAll(environment);
    pb.environment().put("BATCHSCORE_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
    PythonProcess p = new PythonProcess(pb.start(), interpreter, logSink, outputSink);
    p.replies.start();
    p.stderr.start();
    boolean started = false;
    try {
      String problem;
      try {
        Frames.write(p.requests, DRIVER);
        JsonNode hello = p.replies.poll(60, TimeUnit.SECONDS);
        problem =
            hello == null
                ? (p.replies.ended() ? "no hello" : "no answer within 60 s")
                : !"hello".equals(hello.path("type").asText())
                    ? "no hello"
                    : hello.path("protocol").asInt(-1) != Frames.PROTOCOL
                        ? "it speaks protocol "
                            + hello.path("protocol")
                            + ", this runtime "
                            + Frames.PROTOCOL
                        : null;
        p.hello = hello;
      } catch (IOException e) {
        problem = e.getMessage();
      }
      if (problem != null) {
        throw new IOException(
            interpreter + " did not start BatchScore's Python driver: " + p.deathNote(problem));
      }
      started = true;
      return p;
    } finally {
      if (!started) {
        p.kill();
      }
    }
  }

  /** @return the driver's process id */
  long pid() {
    return process.pid();
  }

  /** @return "PATH (Python X.Y.Z)", as the driver reported itself */
  String describe() {
    String executable = hello.path("executable").asText("");
    return interpreter
        + (executable.isEmpty() || executable.equals(interpreter) ? "" : " = " + executable)
        + " (Python "
        + hello.path("python").asText("?")
        + ")";
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Sends a request and waits for its reply; {@code log} messages that come before it go to the
   * log sink.
   *
   * @return the reply: {@code ok}, {@code result}, {@code checked} or {@code error}
   * @throws PythonProcessDied when the process ended (or its pipe broke) before replying
   * @throws InterruptedException when the waiting thread is interrupted; the process is killed
   */
  JsonNode call(JsonNode request) throws PythonProcessDied, InterruptedException {
    try {
      Frames.write(requests, request);
    } catch (IOException e) {
      throw died(e.getMessage());
    }
    JsonNode reply;
    try {
      reply = replies.take();
    } catch (InterruptedException e) {
      kill();
      throw e;
    }
    if (reply == null) {
      throw died(replies.readError());
    }
    return reply;
  }

  private PythonProcessDied died(String why) throws InterruptedException {
    int status = awaitExit(5);
    stderr.awaitEnd(1000);
    kill();
    return new PythonProcessDied(process.pid(), status, why);
  }

  private int awaitExit(int seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  /**
   * Asks the driver to call the script's {@code shutdown()} and end, waits for it (bounded), then
   * kills whatever is left of its process group.
   *
   * @return the driver's reply, or null when it had died or did not answer
   */
  JsonNode shutdown(long timeoutMillis) throws InterruptedException {
    JsonNode reply = null;
    if (process.isAlive()) {
      try {
        Frames.write(requests, Frames.request("shutdown"));
        reply = replies.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        requests.close();
        process.waitFor(Math.min(timeoutMillis, 5000), TimeUnit.MILLISECONDS);
      } catch (IOException e) {
        // it died: killed below
      }
    }
    kill();
    return reply;
  }

  @Override
  public void close() throws InterruptedException {
    shutdown(10_000);
  }

  /**
   * Kills the driver's process group (what the script started stays in it, even after the driver
   * exited), and the driver and its descendants in any case.
   */
  void kill() {
    killGroup(process.pid());
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      requests.close();
    } catch (IOException e) {
      // already closed
    }
  }

  /** {@code kill -KILL -- -PGID}: the driver made itself the leader of a process group. */
  private static void killGroup(long pgid) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-KILL", "--", "-" + pgid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      // no kill command: destroyTree reaches the driver's descendants
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Text for an error about a process that died: its exit status and its last stderr lines. */
  String deathNote(String why) throws InterruptedException {
    int status = awaitExit(2);
    List<String> tail = stderr.lastLines(1000);
    return (why == null ? "" : why + "; ")
        + (status >= 0 ? "exit status " + status : "still running")
        + (tail.isEmpty() ? "" : "; its last output: " + String.join(" | ", tail));
  }

  private static byte[] driverSource() {
    try (InputStream in = PythonProcess.class.getResourceAsStream("batchscore_driver.py")) {
      if (in == null) {
        throw new IllegalStateException("batchscore_driver.py is missing from the runtime jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
