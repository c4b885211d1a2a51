package io.batchscore.gpu.torch;

import java.util.concurrent.Callable;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.NoGradGuard;

/**
 * Runs one mini-batch's work under libtorch's inference mode (no autograd graph, no version
 * counters) inside a JavaCPP {@link PointerScope}, so the native tensors made for the batch are
 * freed as soon as it ends rather than when the garbage collector finds them. The work must return
 * plain Java values (such as a {@code float[]} from {@link TorchTensors#toFloatArray}), not
 * pointers made inside it.
 */
public final class TorchInference {

  private TorchInference() {}

  /**
   * @param work what to compute
   * @param <T> its result
   * @return the work's result
   * @throws Exception what the work throws
   */
  public static <T> T run(Callable<T> work) throws Exception {
    TorchNatives.load();
    try (PointerScope scope = new PointerScope();
        InferenceMode guard = new InferenceMode()) {
      return work.call();
    }
  }

  /**
   * Like {@link #run} under no-grad mode instead of inference mode, for work whose tensors must
   * stay usable by autograd-enabled code later (copying weights into parameters, for example).
   *
   * @param work what to do
   * @param <T> its result
   * @return the work's result
   * @throws Exception what the work throws
   */
  public static <T> T noGrad(Callable<T> work) throws Exception {
    try (PointerScope scope = new PointerScope();
        NoGradGuard guard = new NoGradGuard()) {
      return work.call();
    }
  }
}
