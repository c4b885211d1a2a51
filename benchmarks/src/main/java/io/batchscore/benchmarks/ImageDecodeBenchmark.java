package io.batchscore.benchmarks;

import io.batchscore.examples.fashionmnist.FashionMnistImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Question: what does decoding a mini-batch of 10 FashionMNIST PNGs into the [10, 1, 28, 28]
 * tensor cost ({@link FashionMnistImages#decode}, ImageIO, what the scorer does per mini-batch)?
 * Reads the first 10 images of the sample request (files in the page cache).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ImageDecodeBenchmark {

  private final FashionMnistImages images = new FashionMnistImages();
  private List<Path> files;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    try (Stream<Path> s = Files.list(Repo.sampleRequest())) {
      files = s.filter(p -> p.toString().endsWith(".png")).sorted().limit(10).toList();
    }
    if (files.size() != 10) {
      throw new IllegalStateException("expected 10 PNGs in " + Repo.sampleRequest());
    }
  }

  /** @return the decoded mini-batch of 10 */
  @Benchmark
  public FashionMnistImages.Batch decodeTen() {
    FashionMnistImages.Batch b = images.decode(files);
    if (b.decoded() != 10) {
      throw new IllegalStateException("decoded " + b.decoded());
    }
    return b;
  }
}
