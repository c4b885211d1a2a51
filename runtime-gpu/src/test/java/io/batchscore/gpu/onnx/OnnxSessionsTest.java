package io.batchscore.gpu.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.batchscore.api.Device;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxSessionsTest {

  static final Path MODEL = Path.of("../examples/fashion-mnist/model/model.onnx");

  @Test
  void cpuSessionRunsTheFashionMnistModel() throws Exception {
    try (OrtSession session = OnnxSessions.create(MODEL, Device.cpu(), 2)) {
      assertThat(session.getInputNames()).containsExactly("input");
      assertThat(session.getOutputNames()).containsExactly("output");
      float[] pixels = new float[3 * 784];
      try (OnnxTensor input =
              OnnxTensor.createTensor(
                  OnnxSessions.environment(), FloatBuffer.wrap(pixels), new long[] {3, 1, 28, 28});
          OrtSession.Result result = session.run(Map.of("input", input))) {
        float[][] logits = (float[][]) result.get(0).getValue();
        assertThat(logits).hasNumberOfRows(3);
        assertThat(logits[0]).hasSize(10).isEqualTo(logits[2]);
      }
    }
  }

  @Test
  void missingModelIsNamed() {
    assertThatThrownBy(() -> OnnxSessions.create(Path.of("nope/model.onnx"), Device.cpu(), 1))
        .hasMessageContaining("nope/model.onnx");
  }

  @Test
  void cudaWithoutTheProviderSaysWhatIsMissing() {
    assumeThat(OnnxSessions.availableProviders()).doesNotContain(OrtProvider.CUDA);
    assertThatThrownBy(() -> OnnxSessions.create(MODEL, Device.cuda(0), 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "ONNX Runtime here has providers [CPU]; device cuda:0 needs the onnxruntime_gpu"
                + " artifact and CUDA 12 + cuDNN 9 libraries");
  }

  @Test
  void messageListsTheProviders() {
    assertThat(
            OnnxSessions.missingProviderMessage(
                EnumSet.of(OrtProvider.CPU, OrtProvider.DNNL), Device.cuda(1)))
        .startsWith("ONNX Runtime here has providers [CPU, DNNL]; device cuda:1 needs");
  }
}
