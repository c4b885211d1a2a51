package io.batchscore.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.cli.BatchScoreCommand;
import io.batchscore.service.api.WorkspaceService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace compute of {@code type: spark}: a deployment naming it runs its jobs as Spark jobs
 * (the runner's child driver on {@code local[2]}), with a local run's predictions.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a child JVM starts Spark: minutes on a busy machine
class WorkspaceComputeTest {

  @TempDir Path tmp;

  @BeforeAll
  static void scorer() {
    Examples.requireScorer();
  }

  @AfterEach
  void stopDrivers() {
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void aDeploymentOnASparkComputeRunsItsJobOnTheClusterWithTheLocalRunsPredictions()
      throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in"));
    for (int i = 0; i < 40; i++) {
      Files.writeString(input.resolve(String.format("img%03d.png", i)), "");
    }
    Path ws = tmp.resolve("ws");
    Path cloud = files(tmp.resolve("cloud"), "local[2]");
    ok(ws, "compute", "create", "-f", cloud.resolve("cluster.yml").toString());
    assertThat(
            ok(
                ws,
                "compute",
                "show",
                "-n",
                "spark-local",
                "--query",
                "[type, master]",
                "-o",
                "tsv"))
        .isEqualTo("spark\nlocal[2]");
    ok(ws, "batch-endpoint", "create", "-f", cloud.resolve("endpoint.yml").toString());
    ok(
        ws,
        "batch-deployment",
        "create",
        "-f",
        cloud.resolve("deployment.yml").toString(),
        "--set-default",
        "--endpoint-name",
        "endpoint-spark");

    Path local = tmp.resolve("local");
    assertThat(
            BatchScoreCommand.execute(
                "run",
                "--deployment",
                Examples.CHAOS.toString(),
                "--input",
                input.toString(),
                "--output",
                local.toString(),
                "--progress",
                "none"))
        .isZero();
    try (WorkspaceService service = WorkspaceService.open(ws, null);
        AutoCloseable runner = service.runJobs()) {
      String job =
          ok(
              ws,
              "batch-endpoint",
              "invoke",
              "--name",
              "endpoint-spark",
              "--input",
              input.toString(),
              "--set",
              "spark.ui.enabled=false",
              "--query",
              "name",
              "-o",
              "tsv");
      assertThat(await(ws, job))
          .as(Files.readString(ws.resolve("jobs/" + job + "/driver.log")))
          .isEqualTo("Completed");
      String log = Files.readString(ws.resolve("jobs/" + job + "/driver.log"));
      assertThat(log).contains("--set spark.ui.enabled=false --set compute=spark:local[2]");
      Path out = ws.resolve("datastores/workspaceblobstore/azureml/" + job + "/score");
      assertThat(Files.readString(out.resolve("logs/sys/job.log")))
          .contains("spark application local-");
      assertThat(Files.readAllBytes(out.resolve("predictions.csv")))
          .isEqualTo(Files.readAllBytes(local.resolve("predictions.csv")));
    }
  }

  @Test
  void badSparkComputesAreOneLineErrorsNamingTheField() throws Exception {
    Path ws = tmp.resolve("ws");
    Path cloud = files(tmp.resolve("cloud"), "spark://host:port");
    String err = fails(ws, "compute", "create", "-f", cloud.resolve("cluster.yml").toString());
    assertThat(err)
        .isEqualTo(
            cloud.resolve("cluster.yml")
                + ": master 'spark://host:port' is"
                + " not local[N], spark://HOST:PORT, yarn or k8s://https://HOST:PORT");
    Files.writeString(cloud.resolve("cluster.yml"), "name: s\ntype: spark\n");
    assertThat(fails(ws, "compute", "create", "-f", cloud.resolve("cluster.yml").toString()))
        .contains("master")
        .doesNotContain("\n");
    Files.writeString(
        cloud.resolve("cluster.yml"), "name: s\ntype: amlcompute\n" + "master: local[2]\n");
    assertThat(fails(ws, "compute", "create", "-f", cloud.resolve("cluster.yml").toString()))
        .endsWith(": master is for type: spark only, not amlcompute");
    Files.writeString(cloud.resolve("cluster.yml"), "name: s\ntype: hdinsight\n");
    assertThat(fails(ws, "compute", "create", "-f", cloud.resolve("cluster.yml").toString()))
        .contains(": type 'hdinsight' is not supported")
        .doesNotContain("\n");
    assertThat(ok(ws, "compute", "list", "--query", "length(@)", "-o", "tsv")).isEqualTo("0");
  }

  /** Writes cluster.yml (a spark compute on {@code master}), endpoint.yml, deployment.yml. */
  private static Path files(Path cloud, String master) throws Exception {
    Files.createDirectories(cloud);
    Files.writeString(
        cloud.resolve("cluster.yml"),
        """
        name: spark-local
        type: spark
        master: "%s"
        description: Spark in the driver's JVM
        """
            .formatted(master));
    Files.writeString(cloud.resolve("endpoint.yml"), "name: endpoint-spark\n");
    Files.writeString(
        cloud.resolve("deployment.yml"),
        """
        name: chaos
        endpoint_name: endpoint-spark
        model:
          path: %s
        code_configuration:
          code: %s
          scoring_script: io.batchscore.examples.chaos.ChaosScorer
        compute: azureml:spark-local
        resources:
          instance_count: 2
        settings:
          mini_batch_size: 10
          output_action: append_row
          output_file_name: predictions.csv
          environment_variables:
            CHAOS_DELAY_MS: "0"
        """
            .formatted(Examples.CHAOS.getParent(), Examples.ROOT.resolve("target/scorer-onnx")));
    return cloud;
  }

  private static String await(Path ws, String job) throws InterruptedException {
    while (true) { // bounded by the test's timeout
      String s = ok(ws, "job", "show", "-n", job, "--query", "status", "-o", "tsv");
      if (!s.equals("Queued") && !s.equals("Running")) {
        return s;
      }
      Thread.sleep(250);
    }
  }

  private static String ok(Path ws, String... args) {
    String[] r = run(ws, args);
    assertThat(r[0]).as("batchscore %s: %s", String.join(" ", args), r[2]).isEqualTo("0");
    return r[1].strip();
  }

  private static String fails(Path ws, String... args) {
    String[] r = run(ws, args);
    assertThat(r[0]).as("batchscore %s", String.join(" ", args)).isEqualTo("2");
    return r[2].strip().replaceFirst("^batchscore: compute create: ", "");
  }

  /** @return status, stdout, stderr of {@code batchscore ARGS --workspace WS} in this JVM */
  private static synchronized String[] run(Path ws, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--workspace", ws.toString()));
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int status = BatchScoreCommand.execute(all.toArray(String[]::new));
      return new String[] {
        String.valueOf(status),
        o.toString(StandardCharsets.UTF_8),
        e.toString(StandardCharsets.UTF_8)
      };
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
