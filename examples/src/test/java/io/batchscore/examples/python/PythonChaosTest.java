package io.batchscore.examples.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.JobStatus;
import io.batchscore.core.job.ScoringJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos script in Python ({@code examples/chaos/python/score.py}) through the example's
 * deployment: each fault ends as the Java chaos scorer's does, and no Python process is left.
 * Each test runs its own copy of the script, so its workers are told apart in the process table.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PythonChaosTest {

  private static final Path DEPLOYMENT = Path.of("chaos/deployment-python.yml");
  private static final Path SCRIPT = Path.of("chaos/python/score.py");
  private static final int FILES = 60;

  @TempDir Path tmp;
  private Path input;
  private Path code;
  private Path out;
  private String python;

  @BeforeEach
  void setUp() throws IOException {
    python = Pythons.plain();
    input = Files.createDirectories(tmp.resolve("in"));
    for (int i = 0; i < FILES; i++) {
      Files.writeString(input.resolve(String.format("f%03d.png", i)), "");
    }
    code = Files.createDirectories(tmp.resolve("code"));
    Files.copy(SCRIPT, code.resolve("score.py"));
    out = tmp.resolve("out");
  }

  private List<String> settings(String... overrides) {
    List<String> all =
        new ArrayList<>(List.of("code_configuration.code=" + code, "environment.python=" + python));
    all.addAll(List.of(overrides));
    return all;
  }

  private JobResult run(String... overrides) throws Exception {
    Deployment d = DeploymentLoader.load(DEPLOYMENT, settings(overrides));
    JobResult r =
        ScoringJob.builder(d, input, out).progressEvery(Duration.ofMinutes(1)).build().run();
    assertThat(Pythons.workersOf(code)).as("Python workers left after the job").isEmpty();
    return r;
  }

  private List<String> rows() throws IOException {
    return Files.readAllLines(out.resolve("predictions.csv"));
  }

  private static List<String> okRowsExcept(int... left) {
    return IntStream.range(0, FILES)
        .filter(i -> IntStream.of(left).noneMatch(l -> l == i))
        .mapToObj(i -> String.format("f%03d.png: ok", i))
        .toList();
  }

  private String logs(String folder) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(out.resolve("logs/user").resolve(folder))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        all.append(Files.readString(f));
      }
    }
    return all.toString();
  }

  @Test
  void aRaisingItemIsIsolatedAndItsTracebackLogged() throws Exception {
    JobResult r = run("environment_variables.CHAOS_FAIL=f013");
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(r.itemsFailed()).isEqualTo(1);
    assertThat(rows()).isEqualTo(okRowsExcept(13));
    assertThat(Files.readString(out.resolve("logs/job_error.txt")))
        .contains("f013.png")
        .contains("ValueError: CHAOS_FAIL matched f013.png");
    assertThat(logs("error"))
        .contains("Traceback (most recent call last):")
        .contains(code.resolve("score.py") + "\", line")
        .contains(", in run")
        .contains("ValueError: CHAOS_FAIL matched f013.png")
        .doesNotContain("batchscore_driver.py");
    assertThat(logs("stdout")).contains("score: chaos script ready in pid");
  }

  @Test
  void aHangPastTheTimeoutKillsTheProcessAndFreshOnesCarryOn() throws Exception {
    JobResult r =
        run(
            "environment_variables.CHAOS_HANG=f021",
            "retry_settings.timeout=1",
            "retry_settings.max_retries=2",
            "mini_batch_size=2",
            "environment_variables.CHAOS_SPAWN=1");
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(r.itemsFailed()).isEqualTo(1);
    assertThat(rows()).isEqualTo(okRowsExcept(21));
    assertThat(Files.readString(out.resolve("logs/job_error.txt")))
        .contains("f021.png")
        .contains("retry_settings.timeout");
    List<Long> pids = pids("chaos script ready in pid (\\d+)");
    assertThat(pids)
        .as("a fresh process per timeout, beside the two first ones")
        .hasSizeGreaterThan(4);
    assertThat(Pythons.aliveAfter(pids, 0)).isEmpty();
    assertThat(Pythons.aliveAfter(pids("chaos child pid (\\d+)"), 0))
        .as("what the killed processes started went with their process group")
        .isEmpty();
  }

  @Test
  void aProcessThatExitsFailsTheAttemptWithItsStatusAndIsReplaced() throws Exception {
    JobResult r = run("environment_variables.CHAOS_EXIT=f033");
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(r.itemsFailed()).isEqualTo(1);
    assertThat(rows()).isEqualTo(okRowsExcept(33));
    assertThat(Files.readString(out.resolve("logs/job_error.txt")))
        .contains("f033.png")
        .contains("exited with status 3");
    assertThat(logs("stdout"))
        .contains("exiting at f033.png")
        .contains("starting a fresh Python process");
  }

  @Test
  void tooFewElementsCountTheMissingItemsFailed() throws Exception {
    JobResult r = run("environment_variables.CHAOS_SHORT=f007");
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(r.itemsFailed()).isEqualTo(1);
    assertThat(r.itemsSucceeded()).isEqualTo(FILES - 1);
    assertThat(rows()).hasSize(FILES - 1).doesNotContain("f007.png: ok");
    assertThat(Files.readString(out.resolve("logs/job_error.txt"))).contains("9 results for 10");
  }

  @Test
  void moreElementsThanItemsAreAllWrittenWithOneWarning() throws Exception {
    JobResult r =
        run("environment_variables.CHAOS_EXTRA=f00[12]", "max_concurrency_per_instance=1");
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(r.itemsFailed()).isZero();
    assertThat(r.itemsSucceeded()).isEqualTo(FILES);
    List<String> rows = rows();
    assertThat(rows)
        .hasSize(FILES + 2)
        .containsSubsequence(
            "f001.png: ok", "f001.png: extra", "f002.png: ok", "f002.png: extra", "f003.png: ok");
    assertThat(
            Pattern.compile("12 elements for the 10 items")
                .matcher(logs("stdout"))
                .results()
                .count())
        .isEqualTo(1);
  }

  @Test
  void initFailureIsRetriedThenFailsTheJobWithThePythonError() throws Exception {
    JobResult r = run("environment_variables.CHAOS_INIT_FAIL=no GPU today");
    assertThat(r.status()).isEqualTo(JobStatus.Failed);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(Files.readString(out.resolve("logs/job_error.txt")))
        .contains("RuntimeError: CHAOS_INIT_FAIL: no GPU today");
    assertThat(logs("error")).contains("Traceback (most recent call last):").contains(", in init");
    assertThat(Files.readString(out.resolve("logs/sys/job.log")))
        .contains("init attempt 3 of 3 failed");
  }

  @Test
  void aMissingModuleNamesTheInterpreterAndHowToChooseAnother() throws Exception {
    Files.writeString(
        code.resolve("score.py"),
        "import no_such_module_for_batchscore\n" + Files.readString(SCRIPT));
    JobResult r = run();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(Files.readString(out.resolve("logs/job_error.txt")))
        .contains("No module named 'no_such_module_for_batchscore'")
        .contains(python)
        .contains("environment.python")
        .contains("BATCHSCORE_PYTHON");
  }

  @Test
  void killingTheLauncherEndsItsPythonProcessesAndResumeFinishesTheJob() throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.batchscore.core.cli.BatchScoreCommand",
                "run",
                "--deployment",
                DEPLOYMENT.toString(),
                "--input",
                input.toString(),
                "--output",
                out.toString(),
                "--progress",
                "plain"));
    String[] slow = {
      "environment_variables.CHAOS_DELAY_MS=150",
      "environment_variables.CHAOS_SPAWN=1",
      "mini_batch_size=2"
    };
    for (String s : settings(slow)) {
      cmd.add("--set");
      cmd.add(s);
    }
    Process launcher =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("launcher.log").toFile())
            .start();
    try {
      Path commits = out.resolve("logs/sys/commits.log");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!(Files.exists(commits) && Files.size(commits) > 0)
          || Pythons.workersOf(code).size() < 2) {
        assertThat(launcher.isAlive()).as("launcher still running").isTrue();
        assertThat(System.nanoTime()).as("a commit within 60 s").isLessThan(deadline);
        Thread.sleep(50);
      }
      List<Long> workers = Pythons.workersOf(code).stream().map(ProcessHandle::pid).toList();
      List<Long> children = pids("chaos child pid (\\d+)");
      assertThat(children).isNotEmpty();
      launcher.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).isTrue();
      List<Long> all = new ArrayList<>(workers);
      all.addAll(children);
      assertThat(Pythons.aliveAfter(all, 5_000)).as("processes left after SIGKILL").isEmpty();
    } finally {
      launcher.destroyForcibly();
    }
    assertThat(rows().size()).as("the launcher was killed mid-job").isLessThan(FILES);

    Deployment d = DeploymentLoader.load(DEPLOYMENT, settings(slow));
    JobResult r =
        ScoringJob.builder(d, input, out)
            .resume(true)
            .progressEvery(Duration.ofMinutes(1))
            .build()
            .run();
    assertThat(r.status()).isEqualTo(JobStatus.Completed);
    assertThat(rows()).isEqualTo(okRowsExcept());
    assertThat(Pythons.workersOf(code)).isEmpty();
    assertThat(Pythons.aliveAfter(pids("chaos child pid (\\d+)"), 2_000))
        .as("children of the scripts after the resumed job")
        .isEmpty();
  }

  private List<Long> pids(String regex) throws IOException {
    Matcher m = Pattern.compile(regex).matcher(logs("stdout"));
    List<Long> pids = new ArrayList<>();
    while (m.find()) {
      pids.add(Long.parseLong(m.group(1)));
    }
    return pids;
  }
}
