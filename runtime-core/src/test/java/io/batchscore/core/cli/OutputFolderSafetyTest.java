package io.batchscore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.testing.ChildJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output folder is the job's own: a folder holding other files is refused, a finished job is
 * replaced only with {@code --overwrite}, a job that cannot start leaves the earlier results as
 * they were, and a second job into a folder in use is refused at once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OutputFolderSafetyTest {

  @TempDir Path tmp;
  private Path input;
  private Path deployment;
  private Path out;

  @BeforeEach
  void setUp() throws IOException {
    Launcher launcher = new Launcher(tmp, 30);
    input = launcher.input;
    deployment = launcher.deployment;
    out = tmp.resolve("out");
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
                out.toString(),
                "--progress",
                "none"));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  /** @return every regular file under the folder with its bytes, by relative path */
  private static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        files.put(dir.relativize(p).toString(), Files.readString(p));
      }
    }
    return files;
  }

  @Test
  void aFolderHoldingOtherFilesIsRefusedAndLeftAsItWas() throws IOException {
    Files.createDirectories(out.resolve("logs"));
    Files.writeString(out.resolve("logs/my-app.log"), "my application's log\n");
    Files.writeString(out.resolve("predictions.csv"), "my own predictions\n");
    Map<String, String> before = contents(out);

    Launcher.Outcome o = Launcher.run(runArgs());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err().strip())
        .doesNotContain("\n")
        .contains("--output")
        .contains(out.toString())
        .contains("BatchScore did not write");
    assertThat(contents(out)).isEqualTo(before);
  }

  @Test
  void aFinishedJobIsReplacedOnlyWithOverwrite() throws IOException {
    assertThat(Launcher.run(runArgs()).code()).isZero();
    Files.writeString(input.resolve("f999.txt"), "");
    Map<String, String> before = contents(out);

    Launcher.Outcome again = Launcher.run(runArgs());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("holds a finished job").contains("--overwrite");
    assertThat(contents(out)).isEqualTo(before);

    Launcher.Outcome overwritten = Launcher.run(runArgs("--overwrite"));
    assertThat(overwritten.code()).as(overwritten.err()).isZero();
    assertThat(Files.readAllLines(out.resolve("predictions.csv"))).hasSize(31);
  }

  @Test
  void aJobThatCannotStartLeavesTheEarlierResultsAsTheyWere() throws IOException {
    assertThat(Launcher.run(runArgs()).code()).isZero();
    Map<String, String> before = contents(out);

    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Launcher.Outcome portInUse =
          Launcher.run(
              runArgs("--overwrite", "--metrics-port", String.valueOf(busy.getLocalPort())));
      assertThat(portInUse.code()).isEqualTo(2);
      assertThat(portInUse.err()).contains("--metrics-port");
    }
    assertThat(contents(out)).isEqualTo(before);

    Launcher.Outcome initFails =
        Launcher.run(
            runArgs("--overwrite", "--set", "environment_variables.ECHO_INIT_FAIL=no model today"));
    assertThat(initFails.code()).isEqualTo(2);
    assertThat(initFails.err().strip())
        .doesNotContain("\n")
        .contains("every worker failed to init")
        .contains("no model today");
    assertThat(contents(out)).isEqualTo(before);
  }

  @Test
  void aJobThatCannotStartInANewFolderSaysWhyInJobError() throws IOException {
    Launcher.Outcome initFails =
        Launcher.run(runArgs("--set", "environment_variables.ECHO_INIT_FAIL=no model today"));
    assertThat(initFails.code()).isEqualTo(2);
    assertThat(Files.readString(out.resolve("logs/job_error.txt"))).contains("no model today");
    // the folder is the job's own: a later job goes on without --overwrite
    assertThat(Launcher.run(runArgs()).code()).isZero();
  }

  @Test
  void aSecondJobIntoAFolderInUseIsRefusedAndAKilledJobLeavesNoStaleLock() throws Exception {
    String[] slow = {"--set", "environment_variables.ECHO_DELAY_MS=100"};
    try (ChildJvm first = ChildJvm.launch(tmp.resolve("first.log"), runArgs(slow))) {
      first.awaitSize(out.resolve("logs/sys/commits.log"), 1, Duration.ofSeconds(60));
      assertThat(first.isAlive()).as(first.output()).isTrue();

      Launcher.Outcome second = Launcher.run(runArgs(slow));
      assertThat(second.code()).isEqualTo(2);
      assertThat(second.err()).contains("in use by another job").contains("pid " + first.pid());
      assertThat(first.isAlive()).isTrue();
      assertThat(first.kill()).as("SIGKILL: the OS releases the lock").isTrue();
    }
    Launcher.Outcome resumed = Launcher.run(runArgs("--resume", slow[0], slow[1]));
    assertThat(resumed.code()).as(resumed.err()).isZero();
    List<String> rows = Files.readAllLines(out.resolve("predictions.csv"));
    assertThat(rows).hasSize(30).doesNotHaveDuplicates();
  }
}
