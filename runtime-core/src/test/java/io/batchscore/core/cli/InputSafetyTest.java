package io.batchscore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The input is what it seems: no output inside it, no link loop multiplying it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InputSafetyTest {

  @TempDir Path tmp;
  private Launcher launcher;

  @BeforeEach
  void setUp() throws IOException {
    launcher = new Launcher(tmp, 13);
  }

  private Launcher.Outcome run(Path output) {
    return Launcher.run(
        "run",
        "--deployment",
        launcher.deployment.toString(),
        "--input",
        launcher.input.toString(),
        "--output",
        output.toString(),
        "--progress",
        "none");
  }

  @Test
  void anOutputFolderInsideTheInputIsRefused() {
    for (Path output : new Path[] {launcher.input.resolve("out"), launcher.input}) {
      Launcher.Outcome o = run(output);
      assertThat(o.code()).as(o.out()).isEqualTo(2);
      assertThat(o.err().strip()).doesNotContain("\n").contains("is inside --input");
    }
    assertThat(launcher.input.resolve("out")).doesNotExist();
  }

  @Test
  void aFolderLinkBackToAnAncestorIsScoredOnceAndReported() throws IOException {
    Path loop = Files.createDirectories(launcher.input.resolve("loop"));
    Files.createSymbolicLink(loop.resolve("up"), Path.of(".."));
    Launcher.Outcome o = run(tmp.resolve("out"));
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(Files.readAllLines(tmp.resolve("out/predictions.csv"))).hasSize(13);
    assertThat(o.err()).contains("1 input entries skipped (1 folder link loop)");
    assertThat(Files.readString(tmp.resolve("out/logs/sys/job.log")))
        .contains("input entry skipped (folder link loop): " + loop.resolve("up"));
  }
}
