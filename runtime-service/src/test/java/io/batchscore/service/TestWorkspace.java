package io.batchscore.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.cli.BatchScoreCommand;
import io.batchscore.examples.chaos.ChaosScorer;
import io.batchscore.service.artifacts.ArtifactStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A workspace folder for a test, with the seed's YAML files (the chaos scorer in place of the
 * seed's score.py) and a way to run {@code batchscore} verbs in this JVM.
 */
public final class TestWorkspace {

  /** The result of one command. */
  public record Result(int status, String out, String err) {
    /** @return stdout without its last newline */
    public String text() {
      return out.strip();
    }
  }

  private final Path root;
  private final Path dir;
  private final String database;

  /**
   * @param root a temporary folder
   * @param database a JDBC URL, or null for SQLite
   * @throws IOException when the files cannot be written
   */
  public TestWorkspace(Path root, String database) throws IOException {
    this.root = root;
    this.dir = root.resolve("ws");
    this.database = database;
    Path cloud = Files.createDirectories(root.resolve("cloud"));
    Path model = Files.createDirectories(root.resolve("model"));
    Files.writeString(model.resolve("weights.pth"), "weights v1");
    Files.writeString(
        cloud.resolve("model.yml"),
        """
        $schema: https://azuremlschemas.azureedge.net/latest/model.schema.json
        name: model-batch
        version: 1
        path: "../model/weights.pth"
        """);
    Files.writeString(
        cloud.resolve("cluster-cpu.yml"),
        """
        $schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json
        name: cluster-cpu
        type: amlcompute
        size: Standard_DS3_v2
        min_instances: 0
        max_instances: 4
        """);
    Files.writeString(
        cloud.resolve("endpoint.yml"),
        """
        $schema: https://azuremlschemas.azureedge.net/latest/batchEndpoint.schema.json
        name: endpoint-batch
        auth_mode: aad_token
        """);
    Files.writeString(
        cloud.resolve("dataset-invoke.yml"),
        """
        $schema: https://azuremlschemas.azureedge.net/latest/dataset.schema.json
        name: dataset-invoke-batch
        local_path: ../sample-request/
        """);
    Files.writeString(
        cloud.resolve("deployment.yml"),
        """
        $schema: https://azuremlschemas.azureedge.net/latest/batchDeployment.schema.json
        name: blue
        endpoint_name: endpoint-batch
        model: azureml:model-batch@latest
        code_configuration:
          code: ../code/
          scoring_script: io.batchscore.examples.chaos.ChaosScorer
        environment:
          conda_file: score-conda.yml
          image: mcr.microsoft.com/azureml/openmpi3.1.2-ubuntu18.04:latest
        compute: azureml:cluster-cpu
        mini_batch_size: 10
        output_file_name: predictions_pytorch.csv
        """);
    Path classes =
        Path.of(ChaosScorer.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    Path code = root.resolve("code");
    ArtifactStore.copyTree(
        classes,
        Files.isDirectory(classes)
            ? code
            : Files.createDirectories(code).resolve(classes.getFileName()));
    images(root.resolve("sample-request"), 200);
  }

  /**
   * Writes empty image files {@code img00000.png}... (the chaos scorer reads no file).
   *
   * @param folder the folder
   * @param n how many
   * @return the folder
   * @throws IOException when they cannot be written
   */
  public static Path images(Path folder, int n) throws IOException {
    Files.createDirectories(folder);
    for (int i = 0; i < n; i++) {
      Files.writeString(folder.resolve(String.format("img%05d.png", i)), "");
    }
    return folder;
  }

  /** @return the temporary root holding cloud/, model/, code/, sample-request/ */
  public Path root() {
    return root;
  }

  /** @return the workspace folder */
  public Path dir() {
    return dir;
  }

  /** @return the seed's cloud/ folder */
  public Path cloud() {
    return root.resolve("cloud");
  }

  /**
   * Runs {@code batchscore ARGS --workspace DIR} in this JVM.
   *
   * @param args the verb and its options
   * @return its status and output
   */
  public synchronized Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--workspace");
    all.add(dir.toString());
    if (database != null) {
      all.add("--database");
      all.add(database);
    }
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int status = BatchScoreCommand.execute(all.toArray(String[]::new));
      return new Result(
          status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  /**
   * Runs a verb that must succeed.
   *
   * @param args the verb and its options
   * @return its stdout, stripped
   */
  public String ok(String... args) {
    Result r = run(args);
    assertThat(r.status()).as("batchscore %s: %s", String.join(" ", args), r.err()).isZero();
    return r.text();
  }

  /** Creates the seed's compute, model, endpoint and default deployment. */
  public void deploySeed() {
    ok("compute", "create", "-f", cloud().resolve("cluster-cpu.yml").toString());
    ok("model", "create", "-f", cloud().resolve("model.yml").toString());
    ok("batch-endpoint", "create", "-f", cloud().resolve("endpoint.yml").toString());
    ok(
        "batch-deployment",
        "create",
        "-f",
        cloud().resolve("deployment.yml").toString(),
        "--set-default",
        "--endpoint-name",
        "endpoint-batch");
  }

  /**
   * Waits for a job to end.
   *
   * @param job its name
   * @param seconds how long at most
   * @return its final status
   * @throws InterruptedException when interrupted
   */
  public String await(String job, int seconds) throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      String s = ok("job", "show", "-n", job, "--query", "status", "-o", "tsv");
      if (!s.equals("Queued") && !s.equals("Running")) {
        return s;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("job " + job + " did not end within " + seconds + " s");
  }
}
