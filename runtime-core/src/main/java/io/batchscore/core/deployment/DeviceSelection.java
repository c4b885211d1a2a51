package io.batchscore.core.deployment;

import java.util.List;

/**
 * The {@code devices} key: {@code auto} (the CUDA devices when there are any, else the CPU),
 * {@code cpu}, {@code cuda} (every CUDA device; an error when there is none) or
 * {@code cuda:0,1} (those ordinals).
 *
 * @param mode which form was given
 * @param ordinals the ordinals listed for {@code cuda:N,M}; empty otherwise
 */
public record DeviceSelection(Mode mode, List<Integer> ordinals) {

  /** The forms of the {@code devices} key. */
  public enum Mode {
    /** GPUs when present, else CPU. */
    AUTO,
    /** CPU only. */
    CPU,
    /** All CUDA devices, or those listed. */
    CUDA
  }

  @Override
  public String toString() {
    if (mode == Mode.CUDA && !ordinals.isEmpty()) {
      return "cuda:" + String.join(",", ordinals.stream().map(String::valueOf).toList());
    }
    return mode.name().toLowerCase(java.util.Locale.ROOT);
  }
}
