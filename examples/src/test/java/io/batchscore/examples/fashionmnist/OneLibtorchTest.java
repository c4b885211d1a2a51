package io.batchscore.examples.fashionmnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One libtorch per process, with Debian's {@code libtorch-dev} (from {@code python3-torch})
 * installed: a JVM that fills a fresh JavaCPP cache used to map the system's
 * {@code libtorch_cpu.so} beside the bundled one and die. Each child JVM here gets an empty cache.
 * In CI ({@code CI=true}) the Debian library must be there; elsewhere the test skips without it.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OneLibtorchTest {

  private static final Path SYSTEM_LIBTORCH = Path.of("/lib/x86_64-linux-gnu/libtorch_cpu.so");

  @TempDir Path tmp;

  @BeforeAll
  static void needsTheSystemLibtorch() {
    if (Files.exists(SYSTEM_LIBTORCH)) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      fail(SYSTEM_LIBTORCH + " is missing: CI installs python3-torch (.ci/run)");
    }
    assumeTrue(false, "needs Debian's python3-torch (" + SYSTEM_LIBTORCH + "); skipped");
  }

  private record Child(int exit, List<String> libtorchCopies, List<String> output) {}

  private Child run(String mode) throws Exception {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path cache = Files.createDirectories(tmp.resolve(mode + "-cache"));
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dorg.bytedeco.javacpp.cachedir=" + cache,
                "-XX:ErrorFile=" + tmp.resolve("hs_err.log"),
                "-cp",
                cp,
                TorchLoadMain.class.getName(),
                mode)
            .redirectErrorStream(true);
    Process p = pb.start();
    List<String> output = new ArrayList<>();
    List<String> copies = List.of();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        output.add(line);
        if (line.equals("READY")) {
          copies = libtorchCopies(p.pid());
          p.getOutputStream().close();
        }
      }
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
      return new Child(p.exitValue(), copies, output);
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static List<String> libtorchCopies(long pid) throws Exception {
    return Files.readAllLines(Path.of("/proc/" + pid + "/maps")).stream()
        .filter(l -> l.contains("/libtorch_cpu.so"))
        .map(l -> l.substring(l.indexOf('/')))
        .distinct()
        .toList();
  }

  @Test
  void theTorchScorersLoadOnlyTheBundledLibtorch() throws Exception {
    Child c = run("scorers");
    assertThat(c.exit()).as("exit status; output: %s", c.output()).isZero();
    assertThat(c.output()).contains("rows 200 200");
    assertThat(c.libtorchCopies())
        .singleElement()
        .asString()
        .startsWith(tmp.resolve("scorers-cache").toString());
  }

  @Test
  void withoutTorchNativesAColdCacheLoadsTheSystemCopyToo() throws Exception {
    // the hazard itself, so that the test above is known to run where it can fail
    Child c = run("bare");
    assertThat(c.exit() != 0 || c.libtorchCopies().size() > 1)
        .as("a crash or two copies; exit %d, copies %s", c.exit(), c.libtorchCopies())
        .isTrue();
  }
}
