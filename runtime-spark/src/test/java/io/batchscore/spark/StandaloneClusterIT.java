package io.batchscore.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance: FashionMNIST's 10,000 test images and the chaos scorer's flaky and
 * hanging items on {@code local[2]} (Spark in this JVM) and on a real standalone cluster (a Master
 * and two Workers started from the Maven jars, on loopback) running jobs from the real launcher
 * ({@code bin/batchscore run --set compute=spark:spark://...}): the predictions equal the local
 * runs' byte for byte (on the cluster the chaos job runs on fake GPUs), also when an executor
 * JVM, or a whole Worker JVM with its executors, is SIGKILLed mid-job. The timeouts are generous: a loaded 2-core machine takes minutes to start a cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class StandaloneClusterIT {

  private static final String CHAOS_FLAKY = "environment_variables.CHAOS_FLAKY=7\\.png$";
  private static final String CHAOS_HANG = "environment_variables.CHAOS_HANG=^0123\\.png$";
  private static final List<String> CHAOS_SETS =
      List.of(CHAOS_FLAKY, CHAOS_HANG, "retry_settings.timeout=2");

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
    Runs.complete(Examples.FASHION, images, fashionLocal, List.of());
    chaosLocal = tmp.resolve("chaos-local");
    Runs.complete(Examples.CHAOS, chaosInput, chaosLocal, CHAOS_SETS);
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
    Runs.assertSamePredictions(out, local);
  }

  @Test
  @Order(1)
  void fashionMnistOnLocal2EqualsTheLocalRun() throws Exception {
    Path out = tmp.resolve("fashion-local2");
    Runs.complete(Examples.FASHION, images, out, Runs.LOCAL2);
    assertSamePredictions(out, fashionLocal);
    assertThat(Runs.counts(out)).isEqualTo(Runs.counts(fashionLocal)).contains("succeeded: 10000");
    assertThat(Files.readString(out.resolve("logs/sys/job.log")))
        .contains("spark application local-");
  }

  @Test
  @Order(2)
  void chaosFlakyAndHangingItemsOnLocal2EndAsLocally() throws Exception {
    Path out = tmp.resolve("chaos-local2");
    Runs.complete(Examples.CHAOS, chaosInput, out, Runs.concat(Runs.LOCAL2, CHAOS_SETS));
    assertSamePredictions(out, chaosLocal);
    assertThat(Runs.counts(out))
        .isEqualTo(Runs.counts(chaosLocal))
        .contains("failed: 1", "succeeded: 299");
    assertThat(Files.readString(out.resolve("logs/job_error.txt")))
        .contains("0123.png")
        .contains("retry_settings.timeout");
    // the hanging runs timed out on the driver's task slots, and fresh scorers took their place
    assertThat(workerLogs(out.resolve("logs/user/stdout/driver")))
        .contains("replacing a worker whose run timed out");
  }

  @Test
  @Order(3)
  void tabularRowsOnLocal2ThroughTheLauncherEqualTheLocalRunAndTheWebUiIsLogged() throws Exception {
    Path local = tmp.resolve("tabular-local");
    Runs.complete(Examples.TABULAR, Examples.TABULAR_INPUT, local, List.of());
    Path out = tmp.resolve("tabular-local2");
    int ui = Processes.freePort();
    // a child JVM: Spark binds its web UI to SPARK_LOCAL_IP (loopback), which this JVM lacks
    Launcher.complete(
        tmp.resolve("tabular-local2.log"),
        300,
        "--deployment",
        Examples.TABULAR.toString(),
        "--input",
        Examples.TABULAR_INPUT.toString(),
        "--output",
        out.toString(),
        "--set",
        "compute=spark:local[2]",
        "--set",
        "spark.ui.port=" + ui,
        "--set",
        "spark.driver.host=127.0.0.1");
    assertSamePredictions(out, local);
    assertThat(Runs.counts(out)).isEqualTo(Runs.counts(local));
    // rows cut by bytes (mini_batch_size: 4KB) travel to the task slots as SerialRows
    assertThat(Runs.report(out)).hasSizeGreaterThan(20).hasSameSizeAs(Runs.report(local));
    assertThat(Files.readString(out.resolve("logs/sys/job.log")))
        .contains("web UI http://127.0.0.1:" + ui);
  }

  @Test
  @Order(4)
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
    // one worker per executor (a core each), whose scorer was initialised once, although the
    // job ran many tasks on it (the first wave alone is four tasks per slot)
    for (String executor : List.of("executor0", "executor1")) {
      try (var files = Files.list(out.resolve("logs/user/stdout/" + executor))) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .containsExactly("process000.stdout.txt");
      }
      String log =
          Files.readString(out.resolve("logs/user/stdout/" + executor + "/process000.stdout.txt"));
      assertThat(log.split("Init completed", -1)).as("init lines of %s", executor).hasSize(2);
      assertThat(report.lines().filter(l -> l.contains("," + executor + "/process000,")).count())
          .as("mini-batches of %s", executor)
          .isGreaterThan(4);
    }
    assertThat(Files.readString(out.resolve("logs/job_result.txt")))
        .startsWith("Completed")
        .contains("succeeded: 10000");
  }

  @Test
  @Order(5)
  void chaosFlakyAndHangingItemsShippedWithTheTasksEndAsLocallyOnTheExecutorsFakeGpus()
      throws Exception {
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
                "spark.task.resource.gpu.amount=1",
                // the items' bytes travel with the tasks: executors score local copies
                SparkComputePlugin.SHIP_INPUTS + "=true")
            .toArray(String[]::new));
    assertSamePredictions(out, chaosLocal);
    assertThat(Files.readString(out.resolve("logs/sys/job.log")))
        .contains("input files shipped with the tasks");
    assertThat(Files.readString(out.resolve("logs/sys/job_report/failed_items.csv")))
        .as("the hanging item named as the driver listed it, not as an executor's copy")
        .contains(chaosInput.resolve("0123.png").toString())
        .doesNotContain("batchscore-input-");
    assertThat(Runs.counts(out))
        .isEqualTo(Runs.counts(chaosLocal))
        .contains("failed: 1", "succeeded: 299");
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
  @Order(6)
  void sparkSubmitOfTheJarGivesTheLocalRunsPredictions() throws Exception {
    Path jar = Path.of("target", "batchscore-spark.jar").toAbsolutePath();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      assertThat(zip.stream().map(ZipEntry::getName))
          .as("classes of %s", jar)
          .contains("io/batchscore/spark/SparkBatchJob.class")
          .noneMatch(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/"));
    }
    Path out = tmp.resolve("chaos-submit");
    List<String> cmd = new ArrayList<>(List.of(Processes.java(), "-Xmx768m"));
    cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
    cmd.addAll(
        List.of(
            "-cp",
            cluster.classpath(),
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            cluster.masterUrl(),
            "--conf",
            "spark.executor.memory=512m",
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.driver.bindAddress=127.0.0.1",
            "--class",
            "io.batchscore.spark.SparkBatchJob",
            jar.toString(),
            "--deployment",
            Examples.CHAOS.toString(),
            "--input",
            chaosInput.toString(),
            "--output",
            out.toString(),
            "--progress",
            "none"));
    for (String set : CHAOS_SETS) {
      cmd.addAll(List.of("--set", set));
    }
    Path log = tmp.resolve("chaos-submit.log");
    Process submit = Processes.start(cmd, cluster.env(), log);
    try {
      assertThat(submit.waitFor(300, TimeUnit.SECONDS)).as("spark-submit ended").isTrue();
      assertThat(submit.exitValue())
          .as("exit status of spark-submit; its output:\n%s", Files.readString(log))
          .isZero();
    } finally {
      if (submit.isAlive()) {
        Processes.kill(submit.toHandle());
      }
    }
    assertSamePredictions(out, chaosLocal);
    assertThat(Runs.counts(out)).isEqualTo(Runs.counts(chaosLocal));
    assertThat(Files.readString(out.resolve("logs/sys/job.log")))
        .contains("spark application app-")
        .contains(cluster.masterUrl())
        .contains("code and model shipped as Spark files");
  }

  @Test
  @Order(7)
  void anExecutorKilledMidJobChangesNoByte() throws Exception {
    Path out = tmp.resolve("kill-executor");
    Launcher driver =
        Launcher.start(
            tmp.resolve("kill-executor.log"),
            sparkArgs(Examples.FASHION.toString(), images, out).toArray(String[]::new));
    String id;
    try {
      awaitFirstCommit(out, driver);
      List<ProcessHandle> executors = cluster.executors();
      assertThat(executors).as("executor JVMs under the Workers").isNotEmpty();
      id = StandaloneCluster.executorId(executors.get(0));
      Processes.kill(executors.get(0));
      assertThat(Runs.report(out).size() - 1)
          .as("mini-batches committed once the executor was dead")
          .isLessThan(1000);
      assertThat(driver.await(400)).as("exit status; output:\n%s", driver.tail()).isZero();
    } finally {
      driver.stop();
    }
    assertSamePredictions(out, fashionLocal);
    assertEachMiniBatchOnce(out, 1000);
    assertLostBeforeTheEnd(out, List.of(id));
  }

  @Test
  @Order(8)
  void aWorkerKilledWithItsExecutorsMidJobChangesNoByte() throws Exception {
    Path out = tmp.resolve("kill-worker");
    cluster.awaitWorkers(2);
    Launcher driver =
        Launcher.start(
            tmp.resolve("kill-worker.log"),
            sparkArgs(Examples.FASHION.toString(), images, out).toArray(String[]::new));
    List<String> ids = new ArrayList<>();
    try {
      awaitFirstCommit(out, driver);
      Process worker = cluster.workers().get(1);
      worker
          .toHandle()
          .descendants()
          .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
          .forEach(p -> ids.add(StandaloneCluster.executorId(p)));
      assertThat(ids).as("executors of the Worker killed").isNotEmpty();
      Processes.kill(worker.toHandle());
      assertThat(Runs.report(out).size() - 1)
          .as("mini-batches committed once the Worker was dead")
          .isLessThan(1000);
      assertThat(driver.await(400)).as("exit status; output:\n%s", driver.tail()).isZero();
    } finally {
      driver.stop();
    }
    assertSamePredictions(out, fashionLocal);
    assertEachMiniBatchOnce(out, 1000);
    assertLostBeforeTheEnd(out, ids);
  }

  /** The report lists mini-batches 0 to {@code n - 1}, each exactly once, in order. */
  private static void assertEachMiniBatchOnce(Path out, int n) throws IOException {
    List<String> report = Runs.report(out);
    assertThat(report).hasSize(n + 1);
    for (int i = 1; i <= n; i++) {
      assertThat(report.get(i)).startsWith((i - 1) + ",");
    }
  }

  /** job.log says the executors were removed, and that before the job ended. */
  private static void assertLostBeforeTheEnd(Path out, List<String> executorIds)
      throws IOException {
    String jobLog = Files.readString(out.resolve("logs/sys/job.log"));
    int end = jobLog.indexOf("job Completed");
    assertThat(end).as("job.log's end line").isNotNegative();
    for (String id : executorIds) {
      int removed = jobLog.indexOf("spark executor " + id + " removed");
      assertThat(removed).as("executor %s removed, in job.log:\n%s", id, jobLog).isBetween(0, end);
    }
  }

  /** @return the worker log files under {@code dir}, in name order, one after the other */
  static String workerLogs(Path dir) throws IOException {
    StringBuilder all = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        all.append(Files.readString(f));
      }
    }
    return all.toString();
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
