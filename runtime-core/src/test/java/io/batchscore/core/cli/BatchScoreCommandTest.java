package io.batchscore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.testing.ChildJvm;
import io.batchscore.core.testing.InputFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's command line: exit statuses, messages, signals. */
class BatchScoreCommandTest {

  @TempDir Path tmp;
  private Path input;
  private Path deployment;

  @BeforeEach
  void setUp() throws IOException {
    Launcher launcher = new Launcher(tmp, 30);
    input = launcher.input;
    deployment = launcher.deployment;
  }

  private static Launcher.Outcome run(String... args) {
    return Launcher.run(args);
  }

  private String[] runArgs(String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "run",
                "--deployment",
                deployment.toString(),
                "--input",
                input.toString(),
                "--output",
                tmp.resolve("out").toString()));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  @Test
  void aCompletedJobExitsZeroAndSaysWhereThePredictionsAre() throws IOException {
    Launcher.Outcome o = run(runArgs());
    assertThat(o.code()).isZero();
    assertThat(o.out())
        .contains("Completed: 30 items, 30 succeeded, 0 failed")
        .contains("predictions: " + tmp.resolve("out/predictions.csv"));
    assertThat(Files.readAllLines(tmp.resolve("out/predictions.csv"))).hasSize(30);
  }

  @Test
  void aFailedJobExitsOne() {
    Launcher.Outcome o =
        run(
            runArgs(
                "--set",
                "environment_variables.ECHO_FAIL=f0",
                "--set",
                "error_threshold=3",
                "--set",
                "isolate_failed_items=false"));
    assertThat(o.code()).isEqualTo(1);
    assertThat(o.out()).contains("Failed").contains("error_threshold 3 exceeded");
  }

  @Test
  void whatCannotStartExitsTwoWithOneLineNamingTheProblem() throws IOException {
    Launcher.Outcome unknownKey = run(runArgs("--set", "mini_bach_size=3"));
    assertThat(unknownKey.code()).isEqualTo(2);
    assertThat(unknownKey.err()).contains("mini_bach_size").contains("mini_batch_size");

    Launcher.Outcome noClass =
        run(runArgs("--set", "code_configuration.scoring_script=com.example.Missing"));
    assertThat(noClass.code()).isEqualTo(2);
    assertThat(noClass.err()).contains("com.example.Missing").contains("not found");

    Launcher.Outcome noModel = run(runArgs("--set", "model.path=" + tmp.resolve("no-such-model")));
    assertThat(noModel.code()).isEqualTo(2);
    assertThat(noModel.err()).contains("model.path").contains("no-such-model");

    Files.writeString(tmp.resolve("bad.yml"), "mini_batch_size: [1\n");
    Launcher.Outcome badYaml =
        run(
            "run",
            "--deployment",
            tmp.resolve("bad.yml").toString(),
            "--input",
            input.toString(),
            "--output",
            tmp.resolve("o").toString());
    assertThat(badYaml.code()).isEqualTo(2);
    assertThat(badYaml.err()).contains("bad.yml");

    Launcher.Outcome noInput =
        run(
            "run",
            "--deployment",
            deployment.toString(),
            "--input",
            tmp.resolve("nope").toString(),
            "--output",
            tmp.resolve("o").toString());
    assertThat(noInput.code()).isEqualTo(2);
    assertThat(noInput.err()).contains("--input").contains("nope");

    Launcher.Outcome allInitsFail =
        run(
            runArgs(
                "--set",
                "code_configuration.scoring_script=io.batchscore.core.cli.BatchScoreCommandTest$FailingInit"));
    assertThat(allInitsFail.code()).isEqualTo(2);
    assertThat(allInitsFail.err())
        .contains("could not start")
        .contains("every worker failed to init")
        .contains("no model here");
  }

  @Test
  void helpAndVersion() {
    Launcher.Outcome help = run("run", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out())
        .contains("--deployment")
        .contains("--set")
        .contains("--resume")
        .contains("Exit status");
    assertThat(help.out().replaceAll("\\s+", "")) // picocli wraps lines after dots too
        .as("--set names the declared keys")
        .contains(String.join(",", io.batchscore.core.deployment.DeploymentKeys.names()));
    Launcher.Outcome version = run("--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).contains("batchscore");
    assertThat(run("run", "--version").out()).contains("batchscore");

    Launcher.Outcome helpRun = run("help", "run");
    assertThat(helpRun.code()).isZero();
    assertThat(helpRun.out()).isEqualTo(help.out());
    Launcher.Outcome top = run("--help");
    assertThat(top.out()).contains("Usage: batchscore").contains("run").contains("help");
    assertThat(run("help").out()).isEqualTo(top.out());
    Launcher.Outcome unknown = run("help", "nope");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown subcommand 'nope'");
    Launcher.Outcome nothing = run();
    assertThat(nothing.code()).isEqualTo(2);
    assertThat(nothing.err()).contains("missing subcommand");
    Launcher.Outcome badMode =
        run(
            "run",
            "--deployment",
            "d.yml",
            "--input",
            "in",
            "--output",
            "out",
            "--progress",
            "loud");
    assertThat(badMode.code()).isEqualTo(2);
    assertThat(badMode.err()).contains("--progress").contains("auto, bar, plain, none");
  }

  @Test
  void sigtermCancelsTheJobWhichCanThenBeResumed() throws Exception {
    Path out = tmp.resolve("out");
    InputFolders.files(input, "f%03d.txt", 30, 400, "");
    Path predictions = out.resolve("predictions.csv");
    try (ChildJvm child =
        ChildJvm.launch(
            tmp.resolve("child.log"),
            "run",
            "--deployment",
            deployment.toString(),
            "--input",
            input.toString(),
            "--output",
            out.toString(),
            "--set",
            "environment_variables.ECHO_DELAY_MS=10")) {
      child.awaitSize(predictions, 1, Duration.ofSeconds(30));
      child.signal("TERM");
      assertThat(child.awaitExit(Duration.ofSeconds(30))).isTrue();
      assertThat(child.exitValue()).isEqualTo(ExitCodes.CANCELED_SIGTERM);
    }
    assertThat(Files.readAllLines(out.resolve("logs/job_result.txt")).get(0)).isEqualTo("Canceled");
    assertThat(Files.readAllLines(predictions).size()).isLessThan(400);

    Launcher.Outcome resumed =
        run(
            "run",
            "--deployment",
            deployment.toString(),
            "--input",
            input.toString(),
            "--output",
            out.toString(),
            "--resume",
            "--set",
            "environment_variables.ECHO_DELAY_MS=10");
    assertThat(resumed.code()).as(resumed.err()).isZero();
    List<String> rows = Files.readAllLines(predictions);
    assertThat(rows).hasSize(400).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void aScorerThatIgnoresInterruptsCannotKeepTheJvmAlive() throws Exception {
    try (ChildJvm child =
        ChildJvm.launch(
            tmp.resolve("child.log"),
            runArgs(
                "--set",
                "environment_variables.ECHO_HANG=f007",
                "--set",
                "retry_settings.timeout=1",
                "--set",
                "retry_settings.max_retries=1",
                "--set",
                "isolate_failed_items=false"))) {
      assertThat(child.awaitExit(Duration.ofSeconds(60))).as("the JVM exited").isTrue();
      assertThat(child.exitValue()).as(child.output()).isZero();
    }
    assertThat(Files.readAllLines(tmp.resolve("out/predictions.csv"))).hasSize(26);
    assertThat(Files.readString(tmp.resolve("out/logs/job_error.txt")))
        .contains("f007.txt")
        .contains("retry_settings.timeout");
  }

  /** A scorer whose init always fails. */
  public static final class FailingInit extends io.batchscore.core.testing.EchoScorer {
    @Override
    public void init(io.batchscore.api.ScorerContext context) {
      throw new IllegalStateException("no model here");
    }
  }
}
