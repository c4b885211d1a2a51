package io.batchscore.examples.fashionmnist;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.batchscore.api.ScorerContext;
import io.batchscore.gpu.onnx.OnnxSessions;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Scores FashionMNIST images with {@code model.onnx} from the model directory on ONNX Runtime: one
 * session per worker on the worker's device ({@link OnnxSessions}), one inference per mini-batch.
 * The model takes {@code input} [N, 1, 28, 28] and returns {@code output} [N, 10] logits.
 */
public class OnnxFashionMnistScorer extends FashionMnistScorer {

  /** The model's file name in the model directory. */
  public static final String MODEL_FILE = "model.onnx";

  private OrtSession session;
  private String inputName;

  /** Made by the runtime, once per worker. */
  public OnnxFashionMnistScorer() {}

  @Override
  protected void load(ScorerContext context) throws Exception {
    session =
        OnnxSessions.create(
            context.modelDir().resolve(MODEL_FILE), context.device(), context.intraOpThreads());
    inputName = session.getInputNames().iterator().next();
  }

  @Override
  protected FloatBuffer logits(FloatBuffer pixels, long[] shape) throws Exception {
    try (OnnxTensor input = OnnxTensor.createTensor(OnnxSessions.environment(), pixels, shape);
        OrtSession.Result result = session.run(Map.of(inputName, input))) {
      // getFloatBuffer copies the output into a Java buffer, valid after the result is closed
      return ((OnnxTensor) result.get(0)).getFloatBuffer();
    }
  }

  @Override
  public void close() throws OrtException {
    if (session != null) {
      session.close();
      session = null;
    }
  }
}
