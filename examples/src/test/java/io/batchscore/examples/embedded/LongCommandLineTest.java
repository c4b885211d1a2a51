package io.batchscore.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import io.batchscore.examples.fashionmnist.OnnxFashionMnistScorer;
import io.batchscore.gpu.onnx.OnnxSessions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime in a process with a long command line, as IDEs, {@code mvn exec}, application
 * servers and Spark executors start JVMs. ONNX Runtime 1.29.0's Java package dies with SIGSEGV
 * (exit 139, no message) creating its environment when the command line passes ~4 KB and
 * {@code ORT_DISABLE_TELEMETRY} is unset; both tests start a child JVM in that situation and
 * run the FashionMNIST job to its end. Run with {@code -Donnxruntime.version=1.29.0} they fail.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LongCommandLineTest {

  private static final Path HERE = Path.of("fashion-mnist").toAbsolutePath();
  private static final Path SCRIPT = Path.of("../bin/batchscore").toAbsolutePath().normalize();
  private static final Path LAUNCHER_JAR =
      Path.of("../runtime-core/target/batchscore.jar").toAbsolutePath().normalize();

  @TempDir Path tmp;

  /** The test's full class path: surefire's forked JVM may see only its booter jar. */
  private static String classPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isEmpty() ? cp : System.getProperty("java.class.path");
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String pad(int chars) {
    return "x".repeat(chars);
  }

  private int runChild(List<String> cmd, Map<String, String> env, Path log) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().remove("ORT_DISABLE_TELEMETRY");
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    Process p = pb.start();
    try {
      assertThat(p.waitFor(150, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
      return p.exitValue();
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  @Test
  void anEmbeddingJvmStartedWithTheFullClassPathOnItsCommandLineScoresTheSampleRequest()
      throws Exception {
    Path out = tmp.resolve("out");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                javaBin(),
                "-Xmx512m",
                "-Dbatchscore.test.padding=" + pad(4_000),
                "-cp",
                classPath(),
                EmbeddedJobMain.class.getName(),
                HERE.resolve("deployment.yml").toString(),
                HERE.resolve("sample-request").toString(),
                out.toString(),
                "code_configuration.code=" + codeFolder()));
    assertThat(String.join(" ", cmd).length()).as("the child's command line").isGreaterThan(8_192);
    Path log = tmp.resolve("child.log");
    int code = runChild(cmd, Map.of(), log);
    assertThat(code).as("exit status (139 = SIGSEGV); output: %s", Files.readString(log)).isZero();
    assertThat(Files.readAllLines(out.resolve("predictions.csv"))).hasSize(200);
  }

  @Test
  void theLauncherScoresWithAFourThousandCharacterSetting() throws Exception {
    assumeTrue(Files.isRegularFile(LAUNCHER_JAR), "needs the launcher jar: mvn verify builds it");
    Path out = tmp.resolve("out");
    List<String> cmd =
        List.of(
            "sh",
            SCRIPT.toString(),
            "run",
            "--deployment",
            HERE.resolve("deployment.yml").toString(),
            "--input",
            HERE.resolve("sample-request").toString(),
            "--output",
            out.toString(),
            "--progress",
            "none",
            "--set",
            "code_configuration.code=" + codeFolder(),
            "--set",
            "environment_variables.NOTE=" + pad(4_000));
    Path log = tmp.resolve("launcher.log");
    int code =
        runChild(
            cmd, Map.of("BATCHSCORE_JAR", LAUNCHER_JAR.toString(), "BATCHSCORE_CDS", "0"), log);
    assertThat(code).as("exit status (139 = SIGSEGV); output: %s", Files.readString(log)).isZero();
    assertThat(Files.readAllLines(out.resolve("predictions.csv"))).hasSize(200);
  }

  /**
   * The ONNX scorer's folder as a user lays it out (classes and jars in one folder): this
   * module's classes, runtime-gpu's and the ONNX Runtime jar, wherever the build put them.
   */
  private Path codeFolder() throws IOException, URISyntaxException {
    Path folder = tmp.resolve("scorer");
    if (Files.isDirectory(folder)) {
      return folder;
    }
    Files.createDirectories(folder);
    for (Class<?> c :
        List.of(OnnxFashionMnistScorer.class, OnnxSessions.class, OrtEnvironment.class)) {
      Path from = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(from)) {
        try (Stream<Path> files = Files.walk(from)) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            Path to = folder.resolve(from.relativize(f).toString());
            Files.createDirectories(to.getParent());
            Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      } else {
        Files.copy(from, folder.resolve(from.getFileName().toString()));
      }
    }
    return folder;
  }

  @Test
  void theLauncherTurnsOnnxRuntimeTelemetryOffUnlessTheUserSetIt() throws Exception {
    Path jar = tmp.resolve("print-env.jar");
    java.util.jar.Manifest manifest = new java.util.jar.Manifest();
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest
        .getMainAttributes()
        .put(java.util.jar.Attributes.Name.MAIN_CLASS, PrintEnvMain.class.getName());
    String entry = PrintEnvMain.class.getName().replace('.', '/') + ".class";
    try (java.util.jar.JarOutputStream out =
            new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest);
        java.io.InputStream in = PrintEnvMain.class.getResourceAsStream("/" + entry)) {
      out.putNextEntry(new java.util.jar.JarEntry(entry));
      in.transferTo(out);
    }
    List<String> cmd = List.of("sh", SCRIPT.toString(), "ORT_DISABLE_TELEMETRY");
    Map<String, String> env = Map.of("BATCHSCORE_JAR", jar.toString(), "BATCHSCORE_CDS", "0");
    Path log = tmp.resolve("env.log");
    assertThat(runChild(cmd, env, log)).isZero();
    assertThat(Files.readString(log)).isEqualTo("ORT_DISABLE_TELEMETRY=1\n");

    Map<String, String> userSet = new java.util.HashMap<>(env);
    userSet.put("ORT_DISABLE_TELEMETRY", "0");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(userSet);
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(log)).isEqualTo("ORT_DISABLE_TELEMETRY=0\n");
  }
}
