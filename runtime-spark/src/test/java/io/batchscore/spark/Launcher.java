package io.batchscore.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code bin/batchscore run} in a child JVM: the real launcher with the built jars. */
final class Launcher {

  static final Path SCRIPT = Path.of("..", "bin", "batchscore").toAbsolutePath().normalize();

  private final Process process;
  private final Path log;

  private Launcher(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code batchscore run ARGS}; its stdout and stderr go to {@code log}. */
  static Launcher start(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("sh", SCRIPT.toString(), "run"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--progress", "none"));
    return new Launcher(
        Processes.start(cmd, Map.of("SPARK_LOCAL_IP", "127.0.0.1", "JAVA_OPTS", "-Xmx768m"), log),
        log);
  }

  /** @return the exit status; the process is killed (and the test fails) past the timeout */
  int await(long seconds) throws Exception {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      Processes.kill(process.toHandle());
      throw new AssertionError("batchscore did not end within " + seconds + " s:\n" + tail());
    }
    return process.exitValue();
  }

  Process process() {
    return process;
  }

  String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** Runs to the end and checks it Completed (exit 0). */
  static void complete(Path log, long seconds, String... args) throws Exception {
    Launcher l = start(log, args);
    int rc = l.await(seconds);
    assertThat(rc).as("exit status of batchscore run; its output:\n%s", l.tail()).isZero();
  }

  /** Stops the launcher if it still runs (a failed test). */
  void stop() {
    if (process.isAlive()) {
      Processes.kill(process.toHandle());
    }
  }
}
