package io.batchscore.examples.fashionmnist;

import org.bytedeco.pytorch.FlattenImpl;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.ReLUImpl;
import org.bytedeco.pytorch.SequentialImpl;
import org.bytedeco.pytorch.Tensor;

/**
 * The seed's {@code NeuralNetwork} in the JavaCPP C++ frontend:
 *
 * <pre>
 * self.sequence = nn.Sequential(nn.Flatten(), nn.Linear(784, 20), nn.ReLU(), nn.Linear(20, 10))
 * </pre>
 *
 * so its parameters are named {@code sequence.1.weight}, {@code sequence.1.bias}, {@code
 * sequence.3.weight} and {@code sequence.3.bias}, as in a {@code state_dict()} saved by Python.
 */
public final class SeedNeuralNetwork extends Module {

  private final SequentialImpl sequence;

  /** Builds the network with the seed's sizes (784 → 20 → 10), weights uninitialised for use. */
  public SeedNeuralNetwork() {
    this(20);
  }

  /**
   * @param hidden the hidden layer's width (20 in the seed)
   */
  public SeedNeuralNetwork(int hidden) {
    SequentialImpl s = new SequentialImpl();
    s.push_back(new FlattenImpl());
    s.push_back(new LinearImpl(28 * 28, hidden));
    s.push_back(new ReLUImpl());
    s.push_back(new LinearImpl(hidden, Labels.COUNT));
    sequence = register_module("sequence", s);
  }

  /**
   * @param x [N, 1, 28, 28] images
   * @return [N, 10] logits
   */
  public Tensor forward(Tensor x) {
    return sequence.forward(x);
  }
}
