package io.batchscore.service.jobs;

import io.batchscore.service.workspace.Workspace;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the background runner ({@code batchscore workspace runner}) when jobs wait and no runner
 * is alive. It runs in its own session ({@code setsid}), so a terminal's Ctrl-C after the command
 * that started it does not reach it; its console goes to {@code runner.log}.
 */
public final class RunnerStarter {

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
    try {
      Path log = ws.dir().resolve("runner.log");
      Files.createDirectories(ws.dir());
      ProcessBuilder runner =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      io.batchscore.service.auth.SecretMasker.withoutClientCredentials(runner.environment());
      runner.start();
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the workspace's runner: " + e.getMessage(), e);
    }
  }
}
