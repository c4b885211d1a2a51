package io.batchscore.gpu.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.batchscore.api.Device;
import io.batchscore.gpu.onnx.OnnxSessions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.bytedeco.pytorch.FlattenImpl;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.ReLUImpl;
import org.bytedeco.pytorch.SequentialImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchEnginesTest {

  static final Path MODEL_DIR = Path.of("../examples/fashion-mnist/model");
  static final int N = 5;
  static FloatBuffer input;
  static float[] onnxLogits;

  @BeforeAll
  static void onnxReference() throws Exception {
    TorchNatives.load(); // the tests below make PyTorch modules themselves
    input = ByteBuffer.allocateDirect(N * 784 * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    Random random = new Random(42);
    for (int i = 0; i < N * 784; i++) {
      input.put(i, random.nextFloat());
    }
    try (OrtSession session =
            OnnxSessions.create(MODEL_DIR.resolve("model.onnx"), Device.cpu(), 1);
        OnnxTensor t =
            OnnxTensor.createTensor(OnnxSessions.environment(), input, new long[] {N, 1, 28, 28});
        OrtSession.Result r = session.run(Map.of("input", t))) {
      FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
      onnxLogits = new float[out.remaining()];
      out.get(onnxLogits);
    }
  }

  /** The seed's NeuralNetwork: sequence = Flatten, Linear(784, 20), ReLU, Linear(20, 10). */
  static final class Seed extends Module {
    final SequentialImpl sequence;

    Seed(int hidden) {
      SequentialImpl s = new SequentialImpl();
      s.push_back(new FlattenImpl());
      s.push_back(new LinearImpl(784, hidden));
      s.push_back(new ReLUImpl());
      s.push_back(new LinearImpl(hidden, 10));
      sequence = register_module("sequence", s);
    }
  }

  @Test
  void torchScriptAgreesWithOnnx() throws Exception {
    try (JitModule module =
        TorchModules.loadTorchScript(MODEL_DIR.resolve("model.pt"), Device.cpu(), 1)) {
      float[] logits =
          TorchInference.run(
              () -> {
                IValue out =
                    module.forward(
                        new IValueVector(new IValue(TorchTensors.wrap(input, N, 1, 28, 28))));
                assertThat(TorchTensors.shape(out.toTensor())).containsExactly(N, 10);
                return TorchTensors.toFloatArray(out.toTensor());
              });
      assertClose(logits, onnxLogits);
    }
  }

  @Test
  void stateDictInAJavaModuleAgreesWithOnnx() throws Exception {
    Seed seed = new Seed(20);
    StateDictLoader.load(seed, MODEL_DIR.resolve("weights.pth"));
    TorchModules.place(seed, Device.cpu(), 1);
    float[] logits =
        TorchInference.run(
            () ->
                TorchTensors.toFloatArray(
                    seed.sequence.forward(TorchTensors.wrap(input, N, 1, 28, 28))));
    assertClose(logits, onnxLogits);
    seed.close();
  }

  @Test
  void mismatchedArchitectureNamesTheFileAndTheParameter() {
    Path weights = MODEL_DIR.resolve("weights.pth");
    try (Seed wider = new Seed(30)) {
      assertThatThrownBy(() -> StateDictLoader.load(wider, weights))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(weights + ": state dict does not match the module")
          .hasMessageContaining(
              "parameter 'sequence.1.weight' has shape [20, 784] in the file but [30, 784] in the"
                  + " module")
          .hasMessageContaining("'sequence.1.bias'")
          .hasMessageContaining("'sequence.3.weight'")
          .message()
          .doesNotContain("'sequence.3.bias'");
    }
    try (Module other = new Module()) {
      other.register_module("fc", new LinearImpl(784, 20));
      assertThatThrownBy(() -> StateDictLoader.load(other, weights))
          .hasMessageContaining("missing parameter 'fc.weight' [20, 784]")
          .hasMessageContaining("unexpected key 'sequence.1.weight' [20, 784]");
    }
  }

  @Test
  void corruptTorchScriptNamesTheFile(@TempDir Path dir) throws Exception {
    Path bad = Files.write(dir.resolve("model.pt"), new byte[] {0, 1, 2, 3});
    assertThatThrownBy(() -> TorchModules.loadTorchScript(bad, Device.cpu(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot load TorchScript model " + bad);
    assertThatThrownBy(() -> TorchModules.loadTorchScript(dir.resolve("none.pt"), Device.cpu(), 1))
        .hasMessageContaining("none.pt");
  }

  @Test
  void wrappingNeedsADirectBufferBigEnough() {
    assertThatThrownBy(() -> TorchTensors.wrap(FloatBuffer.allocate(4), 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TorchTensors.wrap(input, N + 1, 784))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static void assertClose(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i]).as("logit " + i).isCloseTo(expected[i], within(1e-4f));
    }
  }
}
