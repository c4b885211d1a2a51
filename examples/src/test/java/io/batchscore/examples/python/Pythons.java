package io.batchscore.examples.python;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The real Python interpreters the tests run, found once. In CI ({@code CI=true}) a missing one
 * fails the test; elsewhere the test is skipped with a message saying what to install.
 */
final class Pythons {

  /** The driver's marker in the process table (see PythonProcess). */
  static final String MARKER = "batchscore-python-worker";

  private static final Map<String, Boolean> WORKS = new ConcurrentHashMap<>();

  private Pythons() {}

  /** @return python3 on the PATH (any Python 3: the chaos script needs only the stdlib) */
  static String plain() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "python3");
      if (Files.isExecutable(p) && imports(p.toString(), "json")) {
        return p.toAbsolutePath().toString();
      }
    }
    return missing("python3 on the PATH", "apt-get install python3");
  }

  /** @return Debian's interpreter with torch, torchvision and PIL, as the seed's script needs */
  static String withTorch() {
    String debian = "/usr/bin/python3";
    if (imports(debian, "torch, torchvision, PIL")) {
      return debian;
    }
    return missing(
        debian + " with torch, torchvision and PIL",
        "apt-get install python3-torch python3-torchvision python3-pil");
  }

  /** @return Debian's interpreter with pandas */
  static String withPandas() {
    String debian = "/usr/bin/python3";
    if (imports(debian, "pandas")) {
      return debian;
    }
    return missing(debian + " with pandas", "apt-get install python3-pandas");
  }

  private static boolean imports(String python, String modules) {
    return WORKS.computeIfAbsent(
        python + " " + modules,
        k -> {
          if (!Files.isExecutable(Path.of(python))) {
            return false;
          }
          try {
            Process p =
                new ProcessBuilder(python, "-c", "import " + modules)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
              p.destroyForcibly();
              return false;
            }
            return p.exitValue() == 0;
          } catch (Exception e) {
            return false;
          }
        });
  }

  private static String missing(String what, String install) {
    String message = "needs " + what + " (" + install + ")";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI: this test " + message);
    }
    assumeTrue(false, "skipped: this test " + message);
    return null;
  }

  /** @return the live BatchScore Python workers (and their children) of one script folder */
  static List<ProcessHandle> workersOf(Path codeDir) {
    String dir = codeDir.toAbsolutePath().toString();
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(a -> List.of(a).contains(MARKER) && List.of(a).contains(dir))
                    .orElse(false))
        .filter(p -> isRunning(p.pid()))
        .toList();
  }

  /** @return true when the process exists and is not a zombie waiting to be reaped */
  static boolean isRunning(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String state = stat.substring(stat.lastIndexOf(')') + 1).strip();
      return !state.startsWith("Z") && !state.startsWith("X");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /**
   * Waits until none of the processes is alive.
   *
   * @return the ones still alive after the wait
   */
  static List<Long> aliveAfter(List<Long> pids, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    List<Long> alive;
    do {
      alive = pids.stream().filter(Pythons::isRunning).toList();
      if (alive.isEmpty()) {
        return alive;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return alive;
  }
}
