package io.batchscore.benchmarks;

import io.batchscore.core.output.LineFile;
import io.batchscore.core.output.ReorderBuffer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Question: what does writing one mini-batch's rows in order cost?
 *
 * <p>{@link #lineFileAppend}: one {@link LineFile#append} of a mini-batch's rows (FashionMNIST
 * rows such as {@code 01234.png: Ankle Boot}), the single {@code write} a commit makes to the
 * predictions file. {@link #reorderOutOfOrder}: {@link ReorderBuffer#offer} of a window of 16
 * mini-batches arriving in a shuffled order, per mini-batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OrderedOutputBenchmark {

  private static final int WINDOW = 16;

  /** A fixed shuffle of 0..15: the order mini-batches of one window complete in. */
  private static final int[] ORDER = {3, 0, 1, 7, 2, 5, 4, 6, 11, 8, 9, 15, 10, 13, 12, 14};

  @Param({"1", "10", "100"})
  public int rows;

  private Path dir;
  private LineFile file;
  private List<String> batch;
  private ReorderBuffer<List<String>> reorder;
  private long base;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("bs-out");
    file = new LineFile(dir.resolve("predictions.csv"), 0);
    batch = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      batch.add(String.format("%05d.png: Ankle Boot", i));
    }
    reorder = new ReorderBuffer<>(0);
  }

  @Setup(Level.Iteration)
  public void truncate() throws IOException {
    file.close();
    file = new LineFile(dir.resolve("predictions.csv"), 0);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    file.close();
    Files.deleteIfExists(dir.resolve("predictions.csv"));
    Files.deleteIfExists(dir);
  }

  /** @return the file length after one append of a mini-batch's rows */
  @Benchmark
  public long lineFileAppend() throws IOException {
    file.append(batch);
    return file.length();
  }

  /** One window of mini-batches offered out of order, per mini-batch. */
  @Benchmark
  @OperationsPerInvocation(WINDOW)
  public void reorderOutOfOrder(Blackhole bh) {
    for (int i : ORDER) {
      reorder.offer(base + i, batch, bh::consume);
    }
    base += WINDOW;
  }
}
