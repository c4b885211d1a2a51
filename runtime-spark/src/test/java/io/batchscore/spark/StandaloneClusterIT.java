package io.batchscore.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.cli.BatchScoreCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster (a Master and two Workers started from the Maven jars, on loopback)
 * running jobs from the real launcher ({@code bin/batchscore run --set
 * compute=spark:spark://...}): the predictions equal a local run's byte for byte, for the
 * FashionMNIST example on 10,000 images and for the chaos scorer's flaky and hanging items (on
 * fake GPUs), also when an executor JVM, or a whole Worker JVM with its executors, is SIGKILLed
 * mid-job. The timeouts are generous: a loaded 2-core machine takes minutes to start a cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class StandaloneClusterIT {

  private static final String CHAOS_FLAKY = "environment_variables.CHAOS_FLAKY=7\\.png$";
  private static final String CHAOS_HANG = "environment_variables.CHAOS_HANG=^0123\\.png$";

  @TempDir static Path tmp;
  private static StandaloneCluster cluster;
  private static Path images;
  private static Path fashionLocal;
  private static Path chaosInput;
  private static Path chaosLocal;

  @BeforeAll
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  static void clusterAndLocalRuns() throws Exception {
    Examples.requireScorer();
    images = Examples.images(tmp.resolve("t10k"), "t10k", 10_000);
    chaosInput = Files.createDirectories(tmp.resolve("chaos-input"));
    for (int i = 0; i < 300; i++) {
      Files.writeString(chaosInput.resolve(String.format("%04d.png", i)), "");
    }
    cluster =
        StandaloneCluster.start(
            Files.createDirectories(tmp.resolve("cluster")), 2, List.of("3", "5"));
    fashionLocal = tmp.resolve("fashion-local");
    assertThat(
            BatchScoreCommand.execute(
                "run",
                "--deployment",
                Examples.FASHION.toString(),
                "--input",
                images.toString(),
                "--output",
                fashionLocal.toString(),
                "--progress",
                "none"))
        .isZero();
    chaosLocal = tmp.resolve("chaos-local");
    assertThat(
            BatchScoreCommand.execute(
                "run",
                "--deployment",
                Examples.CHAOS.toString(),
                "--input",
                chaosInput.toString(),
                "--output",
                chaosLocal.toString(),
                "--progress",
                "none",
                "--set",
                CHAOS_FLAKY,
                "--set",
                CHAOS_HANG,
                "--set",
                "retry_settings.timeout=2"))
        .isZero();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static List<String> sparkArgs(String deployment, Path input, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--deployment",
                deployment,
                "--input",
                input.toString(),
                "--output",
                out.toString(),
                "--set",
                "compute=spark:" + cluster.masterUrl(),
                "--set",
                "spark.executor.memory=512m",
                "--set",
                "spark.ui.enabled=false",
                "--set",
                "spark.driver.host=127.0.0.1",
                "--set",
                "spark.driver.bindAddress=127.0.0.1"));
    for (String m : more) {
      args.add("--set");
      args.add(m);
    }
    return args;
  }

  private static void assertSamePredictions(Path out, Path local) throws IOException {
    assertThat(Files.mismatch(out.resolve("predictions.csv"), local.resolve("predictions.csv")))
        .as("first differing byte of %s and the local run's", out.resolve("predictions.csv"))
        .isEqualTo(-1L);
  }

  @Test
  @Order(1)
  void fashionMnistOnTwoWorkersEqualsTheLocalRun() throws Exception {
    Path out = tmp.resolve("fashion-cluster");
    Launcher.complete(
        tmp.resolve("fashion-cluster.log"),
        400,
        sparkArgs(Examples.FASHION.toString(), images, out).toArray(String[]::new));
    assertSamePredictions(out, fashionLocal);
    String jobLog = Files.readString(out.resolve("logs/sys/job.log"));
    assertThat(jobLog)
        .contains("spark application app-")
        .contains(cluster.masterUrl())
        .contains("code and model shipped as Spark files");
    String report = Files.readString(out.resolve("logs/sys/job_report/processed_mini-batches.csv"));
    assertThat(report.lines().count()).isEqualTo(1001);
    assertThat(report)
        .contains(",executor0/process000,cpu,")
        .contains(",executor1/process000,cpu,");
    assertThat(out.resolve("logs/user/stdout/executor0/process000.stdout.txt")).exists();
    assertThat(Files.readString(out.resolve("logs/job_result.txt")))
        .startsWith("Completed")
        .contains("succeeded: 10000");
  }

  @Test
  @Order(2)
  void chaosFlakyAndHangingItemsEndAsLocallyOnTheExecutorsFakeGpus() throws Exception {
    Path out = tmp.resolve("chaos-cluster");
    Launcher.complete(
        tmp.resolve("chaos-cluster.log"),
        400,
        sparkArgs(
                Examples.CHAOS.toString(),
                chaosInput,
                out,
                CHAOS_FLAKY,
                CHAOS_HANG,
                "retry_settings.timeout=2",
                "spark.executor.resource.gpu.amount=1",
                "spark.task.resource.gpu.amount=1")
            .toArray(String[]::new));
    assertSamePredictions(out, chaosLocal);
    assertThat(counts(out)).isEqualTo(counts(chaosLocal)).contains("failed: 1", "succeeded: 299");
    assertThat(Files.readString(out.resolve("logs/job_error.txt")))
        .contains("0123.png")
        .contains("retry_settings.timeout");
    // the GPU addresses the Workers' discovery script reported, as the workers' devices
    List<String> devices =
        Files.readAllLines(out.resolve("logs/sys/job_report/processed_mini-batches.csv")).stream()
            .skip(1)
            .map(l -> l.split(",")[5])
            .distinct()
            .toList();
    assertThat(devices).isNotEmpty().allMatch(d -> d.equals("cuda:3") || d.equals("cuda:5"));
    assertThat(Files.readString(out.resolve("logs/user/stdout/executor0/process000.stdout.txt")))
        .containsPattern("chaos scorer ready on cuda:[35]");
  }

  @Test
  @Order(3)
  void anExecutorKilledMidJobChangesNoByte() throws Exception {
    Path out = tmp.resolve("kill-executor");
    Launcher driver =
        Launcher.start(
            tmp.resolve("kill-executor.log"),
            sparkArgs(Examples.FASHION.toString(), images, out).toArray(String[]::new));
    try {
      awaitFirstCommit(out, driver);
      List<ProcessHandle> executors = cluster.executors();
      assertThat(executors).as("executor JVMs under the Workers").isNotEmpty();
      Processes.kill(executors.get(0));
      assertThat(driver.await(400)).as("exit status; output:\n%s", driver.tail()).isZero();
    } finally {
      driver.stop();
    }
    assertSamePredictions(out, fashionLocal);
    assertThat(Files.readAllLines(out.resolve("logs/sys/job_report/processed_mini-batches.csv")))
        .hasSize(1001);
  }

  @Test
  @Order(4)
  void aWorkerKilledWithItsExecutorsMidJobChangesNoByte() throws Exception {
    Path out = tmp.resolve("kill-worker");
    cluster.awaitWorkers(2);
    Launcher driver =
        Launcher.start(
            tmp.resolve("kill-worker.log"),
            sparkArgs(Examples.FASHION.toString(), images, out).toArray(String[]::new));
    try {
      awaitFirstCommit(out, driver);
      Processes.kill(cluster.workers().get(1).toHandle());
      assertThat(driver.await(400)).as("exit status; output:\n%s", driver.tail()).isZero();
    } finally {
      driver.stop();
    }
    assertSamePredictions(out, fashionLocal);
  }

  /** @return job_result.txt without the lines that differ between runs (times, paths) */
  static List<String> counts(Path out) throws IOException {
    return Files.readAllLines(out.resolve("logs/job_result.txt")).stream()
        .filter(l -> !l.matches("(started|duration_s|predictions): .*"))
        .toList();
  }

  /** Waits until the job committed its first mini-batch: the executors are working. */
  private static void awaitFirstCommit(Path out, Launcher driver) throws Exception {
    Path report = out.resolve("logs/sys/job_report/processed_mini-batches.csv");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (System.nanoTime() < deadline) {
      if (Files.exists(report) && Files.readAllLines(report).size() > 1) {
        return;
      }
      if (!driver.process().isAlive()) {
        throw new AssertionError("the driver ended before its first commit:\n" + driver.tail());
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no mini-batch committed in time:\n" + driver.tail());
  }
}
