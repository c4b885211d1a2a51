package io.batchscore.gpu.discovery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies {@code CUDA_VISIBLE_DEVICES} to the driver's GPU list as the CUDA runtime does: the
 * value is a comma-separated list of driver indices or GPU UUIDs (a unique prefix such as {@code
 * GPU-5f0a} is enough); the GPUs named become ordinals 0, 1, ... in the order named. The list
 * stops at the first entry that names no GPU (such as {@code -1}) or names one already taken, so
 * {@code ""} and {@code -1} hide every GPU. Unset ({@code null}) shows all of them.
 */
public final class CudaVisibleDevices {

  /** The environment variable's name. */
  public static final String VARIABLE = "CUDA_VISIBLE_DEVICES";

  private CudaVisibleDevices() {}

  /**
   * @param gpus the GPUs the driver lists
   * @param value the variable's value, or null when unset
   * @return the visible GPUs, in ordinal order
   */
  public static List<NvidiaGpu> apply(List<NvidiaGpu> gpus, String value) {
    if (value == null) {
      return List.copyOf(gpus);
    }
    List<NvidiaGpu> visible = new ArrayList<>();
    Set<NvidiaGpu> taken = new HashSet<>();
    for (String entry : value.split(",", -1)) {
      NvidiaGpu gpu = find(gpus, entry.trim());
      if (gpu == null || !taken.add(gpu)) {
        break;
      }
      visible.add(gpu);
    }
    return visible;
  }

  private static NvidiaGpu find(List<NvidiaGpu> gpus, String entry) {
    if (entry.isEmpty()) {
      return null;
    }
    if (Character.isDigit(entry.charAt(0))) {
      try {
        int index = Integer.parseInt(entry);
        return gpus.stream().filter(g -> g.index() == index).findFirst().orElse(null);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    String prefix = entry.startsWith("GPU-") ? entry : "GPU-" + entry;
    List<NvidiaGpu> matches = gpus.stream().filter(g -> g.uuid().startsWith(prefix)).toList();
    return matches.size() == 1 ? matches.get(0) : null;
  }
}
