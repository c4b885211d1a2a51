package io.batchscore.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The launcher ({@code batchscore ...}) in a child JVM on the test's class path. Its stdout and
 * stderr go to one log file, so a child that prints a lot never blocks on a pipe nobody reads, and
 * every wait is bounded. Closing it kills the child and its descendants and waits for them: no
 * process outlives the test that started it.
 */
public final class ChildJvm implements AutoCloseable {

  private static final String LAUNCHER = "io.batchscore.core.cli.BatchScoreCommand";

  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code batchscore ARGS...} in a child JVM.
   *
   * @param log the file that gets the child's stdout and stderr
   * @param args the launcher's arguments, such as {@code run --deployment ...}
   * @return the running child
   * @throws IOException when the JVM cannot be started
   */
  public static ChildJvm launch(Path log, List<String> args) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LAUNCHER));
    cmd.addAll(args);
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ChildJvm(p, log);
  }

  /**
   * @param log the file that gets the child's stdout and stderr
   * @param args the launcher's arguments
   * @return the running child
   * @throws IOException when the JVM cannot be started
   * @see #launch(Path, List)
   */
  public static ChildJvm launch(Path log, String... args) throws IOException {
    return launch(log, List.of(args));
  }

  /** @return the child's process */
  public Process process() {
    return process;
  }

  /** @return the child's pid */
  public long pid() {
    return process.pid();
  }

  /** @return whether the child still runs */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * @return what the child has printed so far (stdout and stderr)
   * @throws IOException when the log cannot be read
   */
  public String output() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /**
   * Waits for the child to exit.
   *
   * @param limit the longest wait
   * @return whether it exited within {@code limit}
   * @throws InterruptedException when interrupted
   */
  public boolean awaitExit(Duration limit) throws InterruptedException {
    return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** @return the exit status; the child must have exited */
  public int exitValue() {
    return process.exitValue();
  }

  /**
   * Waits while the child lives, at most {@code limit}, until {@code file} holds at least
   * {@code bytes} bytes.
   *
   * @param file the file the child writes
   * @param bytes the size to reach
   * @param limit the longest wait
   * @return whether the file reached the size
   * @throws InterruptedException when interrupted
   */
  public boolean awaitSize(Path file, long bytes, Duration limit) throws InterruptedException {
    return await(limit, () -> size(file) >= bytes);
  }

  /**
   * Waits while the child lives, at most {@code limit}, until its output contains {@code text}.
   *
   * @param text the text to wait for
   * @param limit the longest wait
   * @return whether the output contains it
   * @throws InterruptedException when interrupted
   */
  public boolean awaitOutput(String text, Duration limit) throws InterruptedException {
    return await(
        limit,
        () -> {
          try {
            return output().contains(text);
          } catch (IOException e) {
            return false;
          }
        });
  }

  private boolean await(Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (!process.isAlive() || System.nanoTime() - deadline >= 0) {
        return condition.getAsBoolean();
      }
      Thread.sleep(2);
    }
    return true;
  }

  private static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0; // replaced or removed between the two calls: not there yet
    }
  }

  /**
   * Sends the child a signal with {@code kill}.
   *
   * @param name the signal's name, such as {@code INT} or {@code TERM}
   * @throws IOException when {@code kill} cannot be run
   * @throws InterruptedException when interrupted
   */
  public void signal(String name) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
            .redirectErrorStream(true)
            .start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      kill.destroyForcibly();
      throw new IOException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /**
   * Kills the child with SIGKILL (not its descendants) and waits for it, as a crash would.
   *
   * @return whether it ended within 10 s
   * @throws InterruptedException when interrupted
   */
  public boolean kill() throws InterruptedException {
    process.destroyForcibly();
    return process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Kills the child and its descendants, if still running, and waits for them (bounded). */
  @Override
  public void close() {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      for (ProcessHandle h : descendants) {
        h.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // a descendant that would not die within 10 s: the test's own assertions report the rest
    }
  }
}
