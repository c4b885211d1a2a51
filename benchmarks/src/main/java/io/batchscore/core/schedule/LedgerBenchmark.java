package io.batchscore.core.schedule;

import io.batchscore.api.MiniBatch;
import io.batchscore.core.input.MiniBatchSource;
import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.metrics.JobMetrics;
import io.batchscore.core.resume.Checkpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
 * Question: what do the scheduler and the commit path cost per mini-batch, without the job
 * around them (no listing of files, no scorer, no log folder set-up)?
 *
 * <p>{@link #perMiniBatch} drives a {@link Scheduler} directly with {@code workers} threads over
 * {@value #MINI_BATCHES} in-memory mini-batches of one item: take, a run that returns one row,
 * report, and the commit of rows, report lines and journal through the real {@link JobOutputs}
 * into a temporary folder. In this package to reach the package-private scheduler; it compiles
 * against main before the ledger work too (same constructor), so both can be measured alike.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class LedgerBenchmark {

  static final int MINI_BATCHES = 1000;

  @Param({"1", "2"})
  public int workers;

  private final List<MiniBatch> batches = new ArrayList<>();
  private JobLayout layout;
  private Path predictions;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    for (int i = 0; i < MINI_BATCHES; i++) {
      batches.add(MiniBatch.ofFiles(i, 1, List.of(Path.of(String.format("item-%07d", i)))));
    }
    Path dir = Files.createTempDirectory("bs-ledger");
    layout = new JobLayout(dir);
    predictions = dir.resolve("predictions.csv");
  }

  /** Hands out the prepared mini-batches in order. */
  private final class Source implements MiniBatchSource {
    private int next;

    @Override
    public MiniBatch next() {
      return next < batches.size() ? batches.get(next++) : null;
    }

    @Override
    public long itemsListed() {
      return next;
    }
  }

  /** @return the job's counts once every mini-batch is committed, per mini-batch */
  @Benchmark
  @OperationsPerInvocation(MINI_BATCHES)
  public Object perMiniBatch() throws Exception {
    try (JobOutputs outputs = new JobOutputs(layout, predictions, Checkpoint.START, 0)) {
      Scheduler s =
          new Scheduler(
              new Source(),
              Checkpoint.START,
              null,
              Math.max(16, 4 * workers),
              1,
              true,
              -1,
              true,
              outputs,
              new JobMetrics(new SimpleMeterRegistry()),
              workers);
      Thread[] threads = new Thread[workers];
      for (int w = 0; w < workers; w++) {
        threads[w] =
            new Thread(
                () -> {
                  try {
                    for (Task t = s.take(); t != null; t = s.take()) {
                      s.succeeded(t, PartResult.of(t.batch(), List.of("ok"), true), null, 0);
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
        threads[w].start();
      }
      for (Thread t : threads) {
        t.join();
      }
      s.awaitFinished(Long.MAX_VALUE);
      LedgerSnapshot snap = s.snapshot();
      if (snap.batchesCommitted() != MINI_BATCHES) {
        throw new IllegalStateException("committed " + snap.batchesCommitted());
      }
      return snap;
    }
  }
}
