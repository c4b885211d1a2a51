package io.batchscore.examples.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/batchscore} as a user runs it: the first {@code run} after a build lists its classes
 * and leaves a class-data archive beside the jar, later runs map it, and a rebuilt jar makes it
 * list them again. Runs the launcher jar of this build (a copy of it, so the build's own archive
 * is left alone) on the chaos scorer compiled in {@code target/classes}.
 */
class LauncherScriptTest {

  private static final Path SCRIPT = Path.of("../bin/batchscore").toAbsolutePath().normalize();
  private static final Path BUILT_JAR =
      Path.of("../runtime-core/target/batchscore.jar").toAbsolutePath().normalize();

  @TempDir Path tmp;

  private record Run(int code, String output) {}

  private Run run(Path jar, Path out, String javaOpts, String... extra) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "sh",
                SCRIPT.toString(),
                "run",
                "--deployment",
                Path.of("chaos/deployment.yml").toAbsolutePath().toString(),
                "--input",
                tmp.resolve("in").toString(),
                "--output",
                out.toString(),
                "--progress",
                "none",
                "--set",
                "code_configuration.code=" + Path.of("target/classes").toAbsolutePath()));
    cmd.addAll(List.of(extra));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("launcher.log").toFile());
    pb.environment().put("BATCHSCORE_JAR", jar.toString());
    pb.environment().put("JAVA_OPTS", javaOpts);
    pb.environment().remove("BATCHSCORE_CDS");
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
    return new Run(p.exitValue(), Files.readString(tmp.resolve("launcher.log")));
  }

  private List<String> leftovers(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.contains(".classlist") || n.endsWith(".tmp"))
          .toList();
    }
  }

  @Test
  void theFirstRunLeavesAnArchiveThatLaterRunsMap() throws Exception {
    assumeTrue(Files.isRegularFile(BUILT_JAR), "needs the launcher jar: mvn verify builds it");
    Path in = Files.createDirectories(tmp.resolve("in"));
    for (int i = 0; i < 30; i++) {
      Files.writeString(in.resolve(String.format("img%03d.png", i)), "");
    }
    Path launcherDir = Files.createDirectories(tmp.resolve("launcher"));
    Path jar = Files.copy(BUILT_JAR, launcherDir.resolve("batchscore.jar"));
    Path archive = launcherDir.resolve("batchscore.jsa");

    Run first = run(jar, tmp.resolve("out1"), "");
    assertThat(first.code()).as(first.output()).isZero();
    assertThat(Files.readAllLines(tmp.resolve("out1/predictions.csv"))).hasSize(30);
    assertThat(archive).as(first.output()).isRegularFile();
    assertThat(leftovers(launcherDir)).isEmpty();

    Path classes = tmp.resolve("classes.txt");
    Run second = run(jar, tmp.resolve("out2"), "-Xlog:class+load=info:file=" + classes);
    assertThat(second.code()).as(second.output()).isZero();
    assertThat(Files.readString(classes))
        .contains("picocli.CommandLine source: shared objects file")
        .contains("io.batchscore.core.schedule.Scheduler source: shared objects file");

    // a rebuilt jar: the archive no longer matches it, so the next run lists and archives again
    FileTime before = Files.getLastModifiedTime(archive);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(before.toMillis() + 2_000));
    Run third = run(jar, tmp.resolve("out3"), "");
    assertThat(third.code()).as(third.output()).isZero();
    assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(before);
    assertThat(leftovers(launcherDir)).isEmpty();
  }

  @Test
  void aFirstRunThatCannotStartTheJobExitsTwoAndArchivesNothing() throws Exception {
    assumeTrue(Files.isRegularFile(BUILT_JAR), "needs the launcher jar: mvn verify builds it");
    Files.createDirectories(tmp.resolve("in"));
    Path launcherDir = Files.createDirectories(tmp.resolve("launcher"));
    Path jar = Files.copy(BUILT_JAR, launcherDir.resolve("batchscore.jar"));
    Files.writeString(tmp.resolve("in/a.png"), "");
    Run r =
        run(
            jar,
            tmp.resolve("out"),
            "",
            "--set",
            "code_configuration.scoring_script=no.such.Scorer");
    assertThat(r.code()).as(r.output()).isEqualTo(2);
    assertThat(r.output()).contains("no.such.Scorer");
    assertThat(launcherDir.resolve("batchscore.jsa")).doesNotExist();
    assertThat(leftovers(launcherDir)).isEmpty();
  }
}
