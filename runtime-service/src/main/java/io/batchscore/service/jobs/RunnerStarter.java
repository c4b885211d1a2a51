package io.batchscore.service.jobs;

import io.batchscore.service.workspace.Workspace;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts the background runner ({@code batchscore workspace runner}) when jobs wait and no runner
 * is alive. It runs in its own session ({@code setsid}), so a terminal's Ctrl-C after the command
 * that started it does not reach it; its console goes to {@code runner.log}.
 *
 * <p>A runner takes seconds to start and to take {@code runner.lock}. Until it does, the process
 * it starts is recorded in {@code runner.starting} (process id and start instant), and while that
 * process lives, for a minute at most, no other is started: without it, a client polling {@code job show} every 200 ms
 * starts a JVM per poll. The check and the start are one step under {@code runner.spawn.lock}, so
 * concurrent commands, in one JVM or several, start one runner.
 */
public final class RunnerStarter {

  /** How long a started runner may take to take the lock before another may be started. */
  static final Duration STARTING_AT_MOST = Duration.ofMinutes(1);

  private RunnerStarter() {}

  /**
   * @param ws the workspace
   * @return whether a runner was started
   */
  public static boolean ensure(Workspace ws) {
    boolean waiting =
        !ws.jobs().withStatus("Queued").isEmpty() || !ws.jobs().withStatus("Running").isEmpty();
    if (!waiting || RunnerLock.isHeld(ws.dir())) {
      return false;
    }
    synchronized (RunnerStarter.class) {
      try (FileChannel ch =
              FileChannel.open(
                  ws.dir().resolve("runner.spawn.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        if (RunnerLock.isHeld(ws.dir()) || starting(ws.dir()).isPresent()) {
          return false;
        }
        Process runner = spawn(ws);
        String start = runner.info().startInstant().map(Instant::toString).orElse("");
        Files.writeString(
            ws.dir().resolve("runner.starting"),
            runner.pid() + " " + start + System.lineSeparator(),
            StandardCharsets.UTF_8);
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the workspace's runner: " + e.getMessage(), e);
      }
    }
  }

  /**
   * @param workspace the workspace folder
   * @return the runner process started last, while it lives (it either takes the lock and runs,
   *     or finds the lock held and ends)
   */
  static Optional<ProcessHandle> starting(Path workspace) throws IOException {
    String[] line;
    try {
      line =
          Files.readString(workspace.resolve("runner.starting"), StandardCharsets.UTF_8)
              .trim()
              .split(" ");
    } catch (NoSuchFileException none) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(line[0]);
    } catch (NumberFormatException damaged) {
      return Optional.empty();
    }
    String start = line.length > 1 ? line[1] : "";
    // the start instant tells the recorded process from a later one given the same id; one that
    // has not taken the lock within STARTING_AT_MOST is not waited for any longer
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            p ->
                start.isEmpty()
                    || p.info().startInstant().map(Instant::toString).orElse("").equals(start))
        .filter(
            p ->
                p.info()
                    .startInstant()
                    .map(i -> i.plus(STARTING_AT_MOST).isAfter(Instant.now()))
                    .orElse(true));
  }

  private static Process spawn(Workspace ws) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) {
      cmd.add("/usr/bin/setsid");
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String jar = System.getProperty("batchscore.jar");
    if (jar != null) {
      cmd.add("-Dbatchscore.jar=" + jar);
    }
    String launcher = System.getProperty("batchscore.launcher");
    if (launcher != null) {
      cmd.add("-Dbatchscore.launcher=" + launcher);
    }
    cmd.addAll(
        List.of(
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            "io.batchscore.core.cli.BatchScoreCommand",
            "workspace",
            "runner",
            "--workspace",
            ws.dir().toString()));
    Path log = ws.dir().resolve("runner.log");
    ProcessBuilder runner =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    io.batchscore.service.auth.SecretMasker.withoutClientCredentials(runner.environment());
    return runner.start();
  }
}
