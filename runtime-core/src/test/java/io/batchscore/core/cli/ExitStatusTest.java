package io.batchscore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Exit statuses: what the code returns is what --help and the README say. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExitStatusTest {

  @TempDir Path tmp;

  /** @return the README's exit status table: status, meaning */
  private static Map<Integer, String> readmeTable() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("../README.md"));
    Map<Integer, String> rows = new LinkedHashMap<>();
    int at = lines.indexOf("### Exit status");
    assertThat(at).as("README has an Exit status section").isNotNegative();
    for (String line : lines.subList(at + 1, lines.size())) {
      if (line.startsWith("#")) {
        break;
      }
      String[] cells = line.split("\\|");
      if (cells.length >= 3 && cells[1].strip().matches("[0-9]+")) {
        rows.put(Integer.parseInt(cells[1].strip()), cells[2].strip());
      }
    }
    return rows;
  }

  @Test
  void theReadmeAndHelpListTheStatusesTheLauncherReturns() throws IOException {
    Map<Integer, String> readme = readmeTable();
    assertThat(readme.keySet())
        .containsExactly(
            ExitCodes.COMPLETED,
            ExitCodes.FAILED,
            ExitCodes.COULD_NOT_START,
            ExitCodes.CANCELED_SIGINT,
            ExitCodes.CANCELED_SIGTERM);
    assertThat(readme.get(ExitCodes.FAILED)).contains("Failed").doesNotContain("Canceled");
    assertThat(readme.get(ExitCodes.CANCELED_SIGINT)).contains("Canceled").contains("SIGINT");
    assertThat(readme.get(ExitCodes.CANCELED_SIGTERM)).contains("Canceled").contains("SIGTERM");
    String help = Launcher.run("run", "--help").out().replaceAll("\\s+", " ");
    assertThat(help)
        .contains(
            "0 Completed, 1 Failed, 2 the job could not start, 130 Canceled by"
                + " SIGINT (Ctrl-C), 143 Canceled by SIGTERM");
  }

  private static ChildJvm start(Launcher launcher, Path out, Path log, String... sets)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--deployment",
                launcher.deployment.toString(),
                "--input",
                launcher.input.toString(),
                "--output",
                out.toString(),
                "--progress",
                "none"));
    for (String s : sets) {
      args.addAll(List.of("--set", s));
    }
    return ChildJvm.launch(log, args);
  }

  @Test
  void sigintCancelsWith130AndASecondOneStopsAtOnceLeavingTheJobResumable() throws Exception {
    Launcher launcher = new Launcher(tmp, 60);
    Path out = tmp.resolve("out");
    Path hold = Files.writeString(tmp.resolve("hold"), "");
    String[] sets = {
      "environment_variables.ECHO_HANG_WHILE=" + hold,
      "environment_variables.ECHO_HANG_WHILE_ITEM=f02[0-3]",
      "retry_settings.timeout=60"
    };
    try (ChildJvm child = start(launcher, out, tmp.resolve("child.log"), sets)) {
      child.awaitSize(out.resolve("predictions.csv"), 1, Duration.ofSeconds(30));
      child.signal("INT");
      child.awaitOutput("waiting for", Duration.ofSeconds(20));
      assertThat(child.output())
          .contains("SIGINT: canceling; waiting for the running" + " mini-batches");
      assertThat(child.isAlive()).as("the hung mini-batch holds the graceful cancel").isTrue();
      child.signal("INT");
      assertThat(child.awaitExit(Duration.ofSeconds(10))).as("stopped at once").isTrue();
      assertThat(child.exitValue()).isEqualTo(ExitCodes.CANCELED_SIGINT);
    }
    Files.delete(hold);
    List<String> resume =
        new ArrayList<>(
            List.of(
                "run",
                "--deployment",
                launcher.deployment.toString(),
                "--input",
                launcher.input.toString(),
                "--output",
                out.toString(),
                "--resume",
                "--progress",
                "none"));
    for (String s : sets) {
      resume.addAll(List.of("--set", s));
    }
    Launcher.Outcome resumed = Launcher.run(resume.toArray(String[]::new));
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(Files.readAllLines(out.resolve("predictions.csv")))
        .hasSize(60)
        .doesNotHaveDuplicates()
        .isSorted();
  }

  @Test
  void aJobCanceledBySigintEndsCanceledWith130() throws Exception {
    Launcher launcher = new Launcher(tmp, 200);
    Path out = tmp.resolve("out");
    try (ChildJvm child =
        start(launcher, out, tmp.resolve("child.log"), "environment_variables.ECHO_DELAY_MS=10")) {
      child.awaitSize(out.resolve("predictions.csv"), 1, Duration.ofSeconds(30));
      child.signal("INT");
      assertThat(child.awaitExit(Duration.ofSeconds(30))).isTrue();
      assertThat(child.exitValue()).isEqualTo(ExitCodes.CANCELED_SIGINT);
    }
    assertThat(Files.readAllLines(out.resolve("logs/job_result.txt")).get(0)).isEqualTo("Canceled");
  }
}
