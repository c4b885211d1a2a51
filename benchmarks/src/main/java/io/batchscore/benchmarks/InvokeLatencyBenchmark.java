package io.batchscore.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.service.api.InvokeRequest;
import io.batchscore.service.api.ResourceSpec;
import io.batchscore.service.api.WorkspaceService;
import io.batchscore.service.workspace.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: how long does {@code batch-endpoint invoke} take to return a queued job, in a
 * workspace (SQLite) that is already open, as a server or an embedding caller sees it?
 *
 * <p>Each call checks the endpoint, the deployment, the input folder (200 files), the overrides
 * (the driver's own reading of the deployment) and the output path, then inserts the job; no
 * runner runs, so the queue only grows. The CLI's {@code invoke} adds a JVM start on top.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InvokeLatencyBenchmark {

  private Path root;
  private WorkspaceService service;
  private Path input;

  @Setup
  public void setUp() throws IOException {
    root = Files.createTempDirectory("invoke-bench");
    Path model = Files.createDirectories(root.resolve("model"));
    Files.writeString(model.resolve("weights.pth"), "w");
    input = Files.createDirectories(root.resolve("input"));
    for (int i = 0; i < 200; i++) {
      Files.writeString(input.resolve(String.format("%03d.png", i)), "");
    }
    service = WorkspaceService.open(root.resolve("ws"), null);
    service.createModel(spec("name: model-batch\npath: model\n"));
    service.createEndpoint(spec("name: endpoint-batch\nauth_mode: aad_token\n"));
    service.createDeployment(
        spec(
            "name: blue\nendpoint_name: endpoint-batch\n"
                + "model: azureml:model-batch@latest\ncode_configuration:\n"
                + "  scoring_script: io.batchscore.examples.chaos.ChaosScorer\n"
                + "mini_batch_size: 10\n"),
        true);
  }

  private ResourceSpec spec(String yaml) throws IOException {
    return new ResourceSpec((ObjectNode) Json.YAML.readTree(yaml), root, "bench.yml");
  }

  @TearDown
  public void tearDown() throws IOException {
    service.close();
    try (var s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public String invoke() {
    return service
        .invoke(
            new InvokeRequest(
                "endpoint-batch",
                null,
                input.toString(),
                null,
                null,
                null,
                null,
                Map.of("retry_settings.timeout", "5"),
                null),
            "bench")
        .name();
  }
}
