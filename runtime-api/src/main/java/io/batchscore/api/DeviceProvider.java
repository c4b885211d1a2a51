package io.batchscore.api;

import java.util.List;

/**
 * Plug-in point through which the runtime learns which accelerators exist, loaded with
 * {@link java.util.ServiceLoader}. The {@code runtime-gpu} module provides CUDA discovery; without
 * any provider on the class path the runtime is CPU-only.
 */
public interface DeviceProvider {

  /**
   * Lists the devices this provider can see, in ordinal order. Must not throw when the hardware
   * or its driver is missing: an empty list means "none here".
   *
   * @return the devices found, possibly none
   */
  List<DeviceInfo> discover();

  /**
   * A discovered device.
   *
   * @param device the device and its ordinal
   * @param name the product name, such as {@code NVIDIA H100 80GB HBM3}
   * @param memoryBytes total device memory in bytes, or -1 when unknown
   * @param uuid the driver's identifier, such as {@code GPU-...}, or {@code ""}
   */
  record DeviceInfo(Device device, String name, long memoryBytes, String uuid) {}
}
