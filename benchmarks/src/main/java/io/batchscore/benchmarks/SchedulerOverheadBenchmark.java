package io.batchscore.benchmarks;

import io.batchscore.api.MiniBatch;
import io.batchscore.api.Scorer;
import io.batchscore.api.ScorerContext;
import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.deployment.DeploymentLoader;
import io.batchscore.core.job.JobResult;
import io.batchscore.core.job.ScoringJob;
import io.batchscore.core.scorer.ScorerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does the runtime cost per mini-batch when scoring costs nothing?
 *
 * <p>{@link #perMiniBatch} runs a whole job ({@link ScoringJob}, the embedding API) of
 * {@value #MINI_BATCHES} mini-batches with a no-op scorer that returns one row per item, and
 * reports the job's time divided by the mini-batch count: listing, scheduling, the workers' lock
 * hand-offs, metrics, the ordered commit of rows, the report and the commit journal, plus the
 * job's fixed cost spread over the mini-batches. {@link #fixedCost} runs the same job with a
 * single mini-batch: the start-up and end of a job (log folder, fingerprint, threads, metrics
 * files). The marginal cost per mini-batch is {@code (perMiniBatch * N - fixedCost) / (N - 1)}.
 *
 * <p>The input is {@code MINI_BATCHES x items} empty files, made once in the temporary folder
 * (the no-op scorer never opens them).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SchedulerOverheadBenchmark {

  static final int MINI_BATCHES = 1000;

  @Param({"1", "2", "4", "8"})
  public int workers;

  @Param({"1", "10", "100"})
  public int items;

  private Path input;
  private Path single;
  private Path output;
  private Deployment deployment;
  private final ScorerFactory noOp = ScorerFactory.of(NoOpScorer::new);

  /** A scorer that does nothing and returns one row per item. */
  static final class NoOpScorer implements Scorer {
    @Override
    public void init(ScorerContext context) {}

    @Override
    public List<?> run(MiniBatch batch) {
      int n = batch.size();
      List<String> rows = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        rows.add("ok");
      }
      return rows;
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path root = Files.createTempDirectory("bs-sched");
    input = emptyFiles(MINI_BATCHES * items);
    single = emptyFiles(items);
    output = root.resolve("out");
    Path model = Files.createDirectories(root.resolve("model"));
    deployment =
        DeploymentLoader.fromYaml(
            String.join(
                "\n",
                "model:",
                "  path: " + model,
                "code_configuration:",
                "  scoring_script: io.batchscore.benchmarks.SchedulerOverheadBenchmark$NoOpScorer",
                "max_concurrency_per_instance: " + workers,
                "mini_batch_size: " + items,
                "devices: cpu",
                ""),
            root,
            List.of());
  }

  /**
   * A folder of {@code count} empty files, made once and kept in the temporary folder for later
   * trials and runs (each trial is a fresh JVM).
   */
  static Path emptyFiles(int count) throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "batchscore-bench-files-" + count);
    Path done = dir.resolveSibling(dir.getFileName() + ".complete");
    if (!Files.exists(done)) {
      Files.createDirectories(dir);
      for (int i = 0; i < count; i++) {
        Path f = dir.resolve(String.format("%07d", i));
        if (!Files.exists(f)) {
          Files.createFile(f);
        }
      }
      Files.createFile(done);
    }
    return dir;
  }

  private JobResult job(Path in) throws Exception {
    JobResult r =
        ScoringJob.builder(deployment, in, output)
            .scorerFactory(noOp)
            .cores(2)
            .overwrite(true)
            .build()
            .run();
    if (r.exitCode() != 0) {
      throw new IllegalStateException("job failed: " + r);
    }
    return r;
  }

  /** @return the whole job, per mini-batch */
  @Benchmark
  @OperationsPerInvocation(MINI_BATCHES)
  public JobResult perMiniBatch() throws Exception {
    return job(input);
  }

  /** @return a job of one mini-batch: the fixed cost of a job */
  @Benchmark
  public JobResult fixedCost() throws Exception {
    return job(single);
  }
}
