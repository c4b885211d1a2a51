package io.batchscore.examples.fashionmnist;

import io.batchscore.api.Device;
import io.batchscore.api.ScorerContext;
import io.batchscore.gpu.torch.StateDictLoader;
import io.batchscore.gpu.torch.TorchInference;
import io.batchscore.gpu.torch.TorchModules;
import io.batchscore.gpu.torch.TorchNatives;
import io.batchscore.gpu.torch.TorchTensors;
import java.nio.FloatBuffer;

/**
 * Scores FashionMNIST images as the seed does: builds its {@code NeuralNetwork} ({@link
 * SeedNeuralNetwork}) and loads {@code weights.pth}, a file saved by Python's {@code
 * torch.save(model.state_dict(), path)}, from the model directory (read in Java by {@link
 * io.batchscore.gpu.torch.StateDictReader}; no Python, no TorchScript). A file that does not fit
 * the architecture fails {@code init} naming the file and the parameters.
 */
public class StateDictFashionMnistScorer extends FashionMnistScorer {

  /** The weights' file name in the model directory. */
  public static final String WEIGHTS_FILE = "weights.pth";

  private SeedNeuralNetwork model;
  private Device device;

  /** Made by the runtime, once per worker. */
  public StateDictFashionMnistScorer() {}

  @Override
  protected void load(ScorerContext context) throws Exception {
    device = context.device();
    TorchNatives.load(); // before the first PyTorch object: only the bundled libtorch is loaded
    SeedNeuralNetwork network = new SeedNeuralNetwork();
    try {
      StateDictLoader.load(network, context.modelDir().resolve(WEIGHTS_FILE));
      model = TorchModules.place(network, device, context.intraOpThreads());
    } catch (Exception | Error e) {
      network.close();
      throw e;
    }
  }

  @Override
  protected FloatBuffer logits(FloatBuffer pixels, long[] shape) throws Exception {
    float[] logits =
        TorchInference.run(
            () ->
                TorchTensors.toFloatArray(
                    model.forward(TorchTensors.to(TorchTensors.wrap(pixels, shape), device))));
    return FloatBuffer.wrap(logits);
  }

  @Override
  public void close() {
    if (model != null) {
      model.close();
      model = null;
    }
  }
}
