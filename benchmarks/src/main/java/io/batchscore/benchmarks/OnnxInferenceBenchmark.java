package io.batchscore.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.batchscore.api.Device;
import io.batchscore.gpu.onnx.OnnxSessions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does one ONNX Runtime inference of the FashionMNIST model cost per mini-batch
 * size, as the scorer makes it (tensor from a direct buffer, one {@code run}, output copied out)?
 * One CPU session with 1 intra-op thread ({@link OnnxSessions}, the plan for 2 workers on 2
 * cores).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OnnxInferenceBenchmark {

  @Param({"1", "10", "100"})
  public int batch;

  private OrtSession session;
  private String inputName;
  private FloatBuffer pixels;
  private long[] shape;

  @Setup(Level.Trial)
  public void setUp() throws OrtException {
    session = OnnxSessions.create(Repo.model(), Device.cpu(), 1);
    inputName = session.getInputNames().iterator().next();
    pixels =
        ByteBuffer.allocateDirect(batch * 784 * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    for (int i = 0; i < batch * 784; i++) {
      pixels.put(i, (i % 255) / 255f);
    }
    shape = new long[] {batch, 1, 28, 28};
  }

  @TearDown(Level.Trial)
  public void tearDown() throws OrtException {
    session.close();
  }

  /** @return the logits */
  @Benchmark
  public FloatBuffer inference() throws OrtException {
    try (OnnxTensor input = OnnxTensor.createTensor(OnnxSessions.environment(), pixels, shape);
        OrtSession.Result result = session.run(Map.of(inputName, input))) {
      return ((OnnxTensor) result.get(0)).getFloatBuffer();
    }
  }
}
