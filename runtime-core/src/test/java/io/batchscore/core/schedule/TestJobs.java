package io.batchscore.core.schedule;

import io.batchscore.api.Scorer;
import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeviceSelection;
import io.batchscore.core.deployment.MiniBatchSize;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.ScoringJob;
import io.batchscore.core.scorer.ScorerFactory;
import io.batchscore.core.testing.InputFolders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds deployments, inputs and jobs for tests without a YAML file. */
final class TestJobs {

  private static final DeviceSelection CPU =
      new DeviceSelection(DeviceSelection.Mode.CPU, List.of());

  private TestJobs() {}

  static Deployment deployment(
      Path modelDir,
      int workers,
      int batchSize,
      int maxRetries,
      Duration timeout,
      long errorThreshold,
      boolean isolate,
      Map<String, String> env) {
    return Deployment.builder(modelDir.resolve("deployment.yml"))
        .modelPath(modelDir)
        .scorerClass("test.Scorer")
        .maxConcurrencyPerInstance(workers)
        .miniBatchSize(MiniBatchSize.ofItems(batchSize))
        .maxRetries(maxRetries)
        .timeout(timeout)
        .errorThreshold(errorThreshold)
        .environmentVariables(env)
        .devices(CPU)
        .intraOpThreads(1)
        .isolateFailures(isolate)
        .build();
  }

  /** A deployment whose {@code mini_batch_size} is a size in bytes: tabular (CSV) input. */
  static Deployment tabular(Path modelDir, int workers, long batchBytes, long errorThreshold) {
    return Deployment.builder(modelDir.resolve("deployment.yml"))
        .modelPath(modelDir)
        .scorerClass("test.Scorer")
        .maxConcurrencyPerInstance(workers)
        .miniBatchSize(MiniBatchSize.ofBytes(batchBytes))
        .errorThreshold(errorThreshold)
        .devices(CPU)
        .intraOpThreads(1)
        .build();
  }

  /** Makes {@code count} empty files named {@code item-00000.txt}... and returns their names. */
  static List<String> inputFiles(Path dir, int count) throws IOException {
    return InputFolders.files(dir, "item-%05d.txt", 0, count, "");
  }

  static JobResult run(Deployment d, Path input, Path output, ScorerFactory.Maker maker)
      throws Exception {
    return ScoringJob.builder(d, input, output)
        .scorerFactory(ScorerFactory.of(maker))
        .progressEvery(Duration.ofMillis(200))
        .build()
        .run();
  }

  static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }

  /** A scorer whose behaviour per mini-batch is a lambda. */
  interface RunFn {
    List<?> run(io.batchscore.api.MiniBatch b) throws Exception;
  }

  static Scorer scorer(RunFn fn) {
    return new Scorer() {
      @Override
      public void init(io.batchscore.api.ScorerContext context) {}

      @Override
      public List<?> run(io.batchscore.api.MiniBatch batch) throws Exception {
        return fn.run(batch);
      }
    };
  }
}
