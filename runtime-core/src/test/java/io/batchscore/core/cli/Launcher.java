package io.batchscore.core.cli;

import io.batchscore.core.testing.InputFolders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The launcher in-process for tests: a folder of input files, a deployment of the test
 * {@code EchoScorer}, and runs with stdout and stderr captured (so stderr is no terminal).
 */
final class Launcher {

  /** What a run printed and returned. */
  record Outcome(int code, String out, String err) {}

  final Path input;
  final Path deployment;

  /** Makes {@code files} empty input files and the deployment under {@code dir}. */
  Launcher(Path dir, int files) throws IOException {
    input = InputFolders.emptyFiles(dir.resolve("in"), "f%03d.txt", files);
    Files.createDirectories(dir.resolve("model"));
    deployment = dir.resolve("deployment.yml");
    Files.writeString(
        deployment,
        """
        model:
          path: model
        code_configuration:
          scoring_script: io.batchscore.core.testing.EchoScorer
        max_concurrency_per_instance: 2
        mini_batch_size: 4
        """);
  }

  /** Runs the launcher; stderr goes to {@code err} (for reading while it runs). */
  static Outcome run(ByteArrayOutputStream err, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = BatchScoreCommand.execute(args);
      return new Outcome(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** Runs the launcher. */
  static Outcome run(String... args) {
    return run(new ByteArrayOutputStream(), args);
  }
}
