package io.batchscore.gpu.torch;

import io.batchscore.api.Device;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Tensors over Java memory and back. Made inside a {@link TorchInference} scope, the tensors and
 * pointers made here are freed when the scope ends.
 */
public final class TorchTensors {

  private TorchTensors() {}

  /**
   * Wraps a direct buffer as a float32 CPU tensor without copying: the tensor reads the buffer's
   * memory from its position, so the buffer must stay reachable and unchanged while the tensor is
   * used.
   *
   * @param data a direct, native-order float buffer with at least {@code product(shape)} values
   *     remaining
   * @param shape the tensor's shape
   * @return the tensor
   * @throws IllegalArgumentException when the buffer is not direct or too small
   */
  public static Tensor wrap(FloatBuffer data, long... shape) {
    if (!data.isDirect()) {
      throw new IllegalArgumentException("a tensor can wrap only a direct buffer; use copyOf");
    }
    if (data.order() != java.nio.ByteOrder.nativeOrder()) {
      throw new IllegalArgumentException("the buffer must be in native byte order");
    }
    long numel = NamedTensor.numel(shape);
    if (data.remaining() < numel) {
      throw new IllegalArgumentException(
          "shape "
              + java.util.Arrays.toString(shape)
              + " needs "
              + numel
              + " values, the buffer has "
              + data.remaining());
    }
    return torch.from_blob(new FloatPointer(data), shape);
  }

  /**
   * Copies an array into native memory once and makes a float32 CPU tensor over it.
   *
   * @param data at least {@code product(shape)} values
   * @param shape the tensor's shape
   * @return the tensor (owning nothing: its memory is the returned pointer's, freed with the
   *     enclosing scope)
   */
  public static Tensor copyOf(float[] data, long... shape) {
    long numel = NamedTensor.numel(shape);
    if (data.length < numel) {
      throw new IllegalArgumentException(
          "shape "
              + java.util.Arrays.toString(shape)
              + " needs "
              + numel
              + " values, got "
              + data.length);
    }
    return torch.from_blob(new FloatPointer(data), shape);
  }

  /**
   * @param tensor a CPU tensor
   * @param device the target device
   * @return the tensor itself on CPU, a copy on a CUDA device
   */
  public static Tensor to(Tensor tensor, Device device) {
    if (!device.isCuda()) {
      return tensor;
    }
    return tensor.to(TorchDevices.of(device), torch.ScalarType.Float);
  }

  /**
   * Reads a float32 tensor's values, row-major, from any device.
   *
   * @param tensor the tensor
   * @return its values
   * @throws IllegalArgumentException when it is not float32
   */
  public static float[] toFloatArray(Tensor tensor) {
    if (tensor.scalar_type().intern() != torch.ScalarType.Float) {
      throw new IllegalArgumentException("expected a float32 tensor, got " + tensor.scalar_type());
    }
    Tensor host = tensor.is_cuda() ? tensor.cpu() : tensor;
    Tensor dense = host.is_contiguous() ? host : host.contiguous();
    float[] out = new float[Math.toIntExact(dense.numel())];
    dense.data_ptr_float().get(out);
    return out;
  }

  /**
   * @param tensor a tensor
   * @return its shape
   */
  public static long[] shape(Tensor tensor) {
    long[] shape = new long[(int) tensor.dim()];
    for (int d = 0; d < shape.length; d++) {
      shape[d] = tensor.size(d);
    }
    return shape;
  }
}
