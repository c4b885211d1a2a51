package io.batchscore.examples.fashionmnist;

import io.batchscore.api.Device;
import io.batchscore.api.ScorerContext;
import io.batchscore.gpu.torch.TorchInference;
import io.batchscore.gpu.torch.TorchModules;
import io.batchscore.gpu.torch.TorchTensors;
import java.nio.FloatBuffer;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.JitModule;

/**
 * Scores FashionMNIST images with the TorchScript file {@code model.pt} from the model directory
 * on JavaCPP PyTorch: the module is loaded once per worker onto the worker's device, and each
 * mini-batch is one forward pass under inference mode whose native memory is freed at once.
 */
public class TorchScriptFashionMnistScorer extends FashionMnistScorer {

  /** The model's file name in the model directory. */
  public static final String MODEL_FILE = "model.pt";

  private JitModule module;
  private Device device;

  /** Made by the runtime, once per worker. */
  public TorchScriptFashionMnistScorer() {}

  @Override
  protected void load(ScorerContext context) {
    device = context.device();
    module =
        TorchModules.loadTorchScript(
            context.modelDir().resolve(MODEL_FILE), device, context.intraOpThreads());
  }

  @Override
  protected FloatBuffer logits(FloatBuffer pixels, long[] shape) throws Exception {
    float[] logits =
        TorchInference.run(
            () -> {
              IValue input = new IValue(TorchTensors.to(TorchTensors.wrap(pixels, shape), device));
              return TorchTensors.toFloatArray(module.forward(new IValueVector(input)).toTensor());
            });
    return FloatBuffer.wrap(logits);
  }

  @Override
  public void close() {
    if (module != null) {
      module.close();
      module = null;
    }
  }
}
