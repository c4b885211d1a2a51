package io.batchscore.gpu.torch;

import java.util.Arrays;
import java.util.Objects;

/**
 * A float32 tensor read from a state dict: its key, shape and values in row-major (contiguous)
 * order.
 *
 * @param name the state dict key, such as {@code sequence.1.weight}
 * @param shape the sizes of its dimensions; empty for a scalar
 * @param data {@code product(shape)} values, row-major
 */
public record NamedTensor(String name, long[] shape, float[] data) {

  /** Checks that the data has as many values as the shape says. */
  public NamedTensor {
    Objects.requireNonNull(name, "name");
    shape = shape.clone();
    if (numel(shape) != data.length) {
      throw new IllegalArgumentException(
          name
              + ": shape "
              + Arrays.toString(shape)
              + " needs "
              + numel(shape)
              + " values, got "
              + data.length);
    }
  }

  /** @return a copy of the shape */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** @return the number of values */
  public int numel() {
    return data.length;
  }

  /**
   * @param shape a shape
   * @return the number of values a tensor of that shape has
   */
  static long numel(long[] shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NamedTensor t
        && name.equals(t.name)
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
