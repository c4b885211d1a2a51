package com.example.scorer;

import ai.onnxruntime.OnnxTensor; // com.microsoft.onnxruntime:onnxruntime
import ai.onnxruntime.OrtSession;
import io.batchscore.api.FailedItem; // io.batchscore:runtime-api
import io.batchscore.api.MiniBatch;
import io.batchscore.api.Scorer;
import io.batchscore.api.ScorerContext;
import io.batchscore.gpu.onnx.OnnxSessions; // io.batchscore:runtime-gpu
import java.awt.image.BufferedImage;
import java.lang.System.Logger.Level;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Labels 28x28 grayscale images with {@code model.onnx} (input [N, 1, 28, 28], 10 logits). */
public final class MyScorer implements Scorer {

  private static final List<String> LABELS = List.of("T-Shirt", "Trouser", "Pullover", "Dress",
      "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle Boot");

  private OrtSession session;

  @Override
  public void init(ScorerContext context) throws Exception { // once per worker
    context.logger().log(Level.INFO, "Init started on {0}", context.device());
    session = OnnxSessions.create(context.modelDir().resolve("model.onnx"),
        context.device(), context.intraOpThreads());
  }

  @Override
  public List<?> run(MiniBatch batch) throws Exception { // once per mini-batch
    List<Object> rows = new ArrayList<>();
    for (Path file : batch.files()) {
      BufferedImage image = ImageIO.read(file.toFile());
      if (image == null || image.getWidth() != 28 || image.getHeight() != 28) {
        rows.add(FailedItem.of(file + ": not a 28x28 image")); // this item alone fails
      } else {
        rows.add(file.getFileName() + ": " + predict(image)); // one element per item
      }
    }
    return rows;
  }

  private String predict(BufferedImage image) throws Exception {
    float[] pixels = new float[28 * 28];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = image.getRaster().getSample(i % 28, i / 28, 0) / 255f;
    }
    try (OnnxTensor input = OnnxTensor.createTensor(OnnxSessions.environment(),
            FloatBuffer.wrap(pixels), new long[] {1, 1, 28, 28});
        OrtSession.Result result =
            session.run(Map.of(session.getInputNames().iterator().next(), input))) {
      float[] logits = ((float[][]) result.get(0).getValue())[0];
      int best = 0;
      for (int c = 1; c < logits.length; c++) {
        best = logits[c] > logits[best] ? c : best;
      }
      return LABELS.get(best);
    }
  }

  @Override
  public void close() throws Exception { // once per worker at the end
    if (session != null) {
      session.close();
    }
  }
}
