package io.batchscore.benchmarks;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.ScoringJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: how long does the whole FashionMNIST job take on the seed's 200-image sample request
 * in a warm JVM? Runs {@code examples/fashion-mnist/deployment.yml} (ONNX scorer loaded from
 * {@code examples/target/scorer}, 2 workers, mini-batches of 10) through {@link ScoringJob}: input
 * listing, worker init (one ONNX session each), 20 mini-batches, the ordered output and the logs.
 * Needs {@code mvn package} of the examples first.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SampleJobBenchmark {

  private Deployment deployment;
  private Path output;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    deployment = DeploymentLoader.load(Repo.fashionMnist().resolve("deployment.yml"), List.of());
    output = Files.createTempDirectory("bs-sample");
  }

  /** @return the job's result */
  @Benchmark
  public JobResult sampleRequest() throws Exception {
    JobResult r =
        ScoringJob.builder(deployment, Repo.sampleRequest(), output).overwrite(true).build().run();
    if (r.exitCode() != 0 || r.itemsSucceeded() != 200) {
      throw new IllegalStateException("job did not score 200 items: " + r);
    }
    return r;
  }
}
