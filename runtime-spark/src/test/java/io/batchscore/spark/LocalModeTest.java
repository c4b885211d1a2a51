package io.batchscore.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.cli.BatchScoreCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set compute=spark:local[2]} in this JVM: the same output folder as a local job. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalModeTest {

  @BeforeAll
  static void scorer() {
    Examples.requireScorer();
  }

  @Test
  void fashionMnistOnLocal2GivesTheLocalRunsPredictionsByteForByte(@TempDir Path tmp)
      throws Exception {
    Path local = tmp.resolve("local");
    Path spark = tmp.resolve("spark");
    assertThat(
            BatchScoreCommand.execute(
                "run",
                "--deployment",
                Examples.FASHION.toString(),
                "--input",
                Examples.SAMPLE.toString(),
                "--output",
                local.toString(),
                "--progress",
                "none"))
        .isZero();
    assertThat(
            BatchScoreCommand.execute(
                "run",
                "--deployment",
                Examples.FASHION.toString(),
                "--input",
                Examples.SAMPLE.toString(),
                "--output",
                spark.toString(),
                "--progress",
                "none",
                "--set",
                "compute=spark:local[2]",
                "--set",
                "spark.ui.enabled=false"))
        .isZero();
    assertThat(Files.readAllBytes(spark.resolve("predictions.csv")))
        .isEqualTo(Files.readAllBytes(local.resolve("predictions.csv")));
    assertThat(Files.readString(spark.resolve("logs/job_result.txt")))
        .startsWith("Completed")
        .contains("succeeded: 200");
    assertThat(Files.readString(spark.resolve("logs/sys/job.log")))
        .contains("spark application local-");
    assertThat(spark.resolve("logs/user/stdout/driver/process000.stdout.txt")).exists();
  }

  @Test
  void inputFilesShippedWithTheTasksGiveTheLocalRunsPredictionsAndFailures(@TempDir Path tmp)
      throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in"));
    try (var files = Files.list(Examples.SAMPLE)) {
      for (Path f : files.toList()) {
        Files.copy(f, input.resolve(f.getFileName()));
      }
    }
    Files.writeString(input.resolve("zz-broken.png"), "not a PNG");
    Path local = tmp.resolve("local");
    Path spark = tmp.resolve("spark");
    Runs.complete(Examples.FASHION, input, local, java.util.List.of());
    Runs.complete(
        Examples.FASHION,
        input,
        spark,
        Runs.concat(Runs.LOCAL2, java.util.List.of(SparkComputePlugin.SHIP_INPUTS + "=true")));
    Runs.assertSamePredictions(spark, local);
    String failed = "logs/sys/job_report/failed_items.csv";
    assertThat(Files.readString(spark.resolve(failed)))
        .as("the failed item named as the driver listed it")
        .contains(input.resolve("zz-broken.png").toString())
        .doesNotContain("batchscore-input-");
    assertThat(Files.readString(spark.resolve("logs/sys/job.log")))
        .contains("input files shipped with the tasks");
  }

  @Test
  void passingTheErrorThresholdFailsTheJobAndCancelsTheSparkJob(@TempDir Path tmp)
      throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in"));
    for (int i = 0; i < 2000; i++) {
      Files.writeString(input.resolve(String.format("%04d.png", i)), "");
    }
    Path out = tmp.resolve("out");
    int rc =
        BatchScoreCommand.execute(
            "run",
            "--deployment",
            Examples.CHAOS.toString(),
            "--input",
            input.toString(),
            "--output",
            out.toString(),
            "--progress",
            "none",
            "--set",
            "compute=spark:local[2]",
            "--set",
            "spark.ui.enabled=false",
            "--set",
            "error_threshold=5",
            "--set",
            "environment_variables.CHAOS_FAIL=^00[0-4]",
            "--set",
            "environment_variables.CHAOS_DELAY_MS=3");
    assertThat(rc).isEqualTo(1);
    String result = Files.readString(out.resolve("logs/job_result.txt"));
    assertThat(result).startsWith("Failed").contains("error_threshold 5 exceeded");
    // the Spark job was cancelled: far fewer than the 200 mini-batches were scored
    assertThat(Files.readAllLines(out.resolve("logs/sys/job_report/processed_mini-batches.csv")))
        .hasSizeLessThan(150);
    assertThat(Files.readString(out.resolve("logs/job_error.txt")))
        .contains("error_threshold 5 exceeded")
        .contains("0000.png");
  }

  @Test
  void scorersAreInitialisedOncePerSlotAcrossTasksAndClosedWhenTheJobEnds(@TempDir Path tmp)
      throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in"));
    for (int i = 0; i < 400; i++) {
      Files.writeString(input.resolve(String.format("%04d.png", i)), "");
    }
    Path marker = tmp.resolve("closed.txt");
    // the session the job's compute:spark:local[2] gets: this test counts its tasks
    SparkSession session =
        SparkSession.builder()
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate();
    AtomicInteger tasks = new AtomicInteger();
    session
        .sparkContext()
        .addSparkListener(
            new SparkListener() {
              @Override
              public void onTaskEnd(SparkListenerTaskEnd e) {
                tasks.incrementAndGet();
              }
            });
    Path out = tmp.resolve("out");
    Runs.complete(
        Examples.CHAOS,
        input,
        out,
        Runs.concat(Runs.LOCAL2, List.of("environment_variables.CHAOS_CLOSE_MARKER=" + marker)));
    assertThat(session.sparkContext().isStopped()).as("the job stopped its session").isTrue();

    List<String> slots = new ArrayList<>();
    try (var files = Files.list(out.resolve("logs/user/stdout/driver"))) {
      for (Path f : files.sorted().toList()) {
        assertThat(Files.readString(f).split("chaos scorer ready on", -1))
            .as("init lines in %s", f)
            .hasSize(2);
        int process = Integer.parseInt(f.getFileName().toString().replaceAll("\\D", ""));
        slots.add("driver/" + process + " on cpu");
      }
    }
    assertThat(slots).as("one worker per task slot that ran").hasSizeBetween(1, 2);
    assertThat(tasks.get()).as("Spark tasks of the job").isGreaterThan(2 * slots.size());
    // closed once per slot when the run returned, not at this JVM's end
    assertThat(marker).exists();
    assertThat(Files.readAllLines(marker)).containsExactlyInAnyOrderElementsOf(slots);
  }

  @Test
  void sparkSettingsOfSetGoToSparkAndABadOneIsOneLine() {
    assertThat(
            SparkComputePlugin.sparkSettings(
                java.util.List.of(
                    "spark.executor.memory=2g", "mini_batch_size=5", "spark.jars=a.jar,b.jar")))
        .containsExactly(
            java.util.Map.entry("spark.executor.memory", "2g"),
            java.util.Map.entry("spark.jars", "a.jar,b.jar"));
    assertThat(
            new SparkComputePlugin()
                .deploymentOverrides(
                    java.util.List.of("spark.executor.memory=2g", "mini_batch_size=5")))
        .containsExactly("mini_batch_size=5");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SparkComputePlugin.sparkSettings(java.util.List.of("spark.executor.memory")))
        .hasMessage("--set spark.executor.memory: expected KEY=VALUE");
  }
}
