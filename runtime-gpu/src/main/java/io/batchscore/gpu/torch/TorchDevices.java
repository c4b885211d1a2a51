package io.batchscore.gpu.torch;

import io.batchscore.api.Device;
import org.bytedeco.pytorch.global.torch;

/** Maps a BatchScore {@link Device} to a libtorch device, checking that libtorch can use it. */
public final class TorchDevices {

  private TorchDevices() {}

  /**
   * @param device a worker's device
   * @return the libtorch device ({@code cpu} or {@code cuda:N}); the caller owns it (or its
   *     {@link org.bytedeco.javacpp.PointerScope} does)
   * @throws IllegalStateException when the device is CUDA and this libtorch has no CUDA, or
   *     fewer devices than the ordinal needs
   */
  public static org.bytedeco.pytorch.Device of(Device device) {
    if (!device.isCuda()) {
      return new org.bytedeco.pytorch.Device(torch.DeviceType.CPU);
    }
    requireCuda(device);
    return new org.bytedeco.pytorch.Device(torch.DeviceType.CUDA, (byte) device.ordinal());
  }

  /**
   * @param device a CUDA device
   * @throws IllegalStateException naming the device and what is missing when libtorch cannot use
   *     it
   */
  public static void requireCuda(Device device) {
    if (!torch.cuda_is_available()) {
      throw new IllegalStateException(
          "JavaCPP PyTorch here has no CUDA; device "
              + device
              + " needs the pytorch-platform-gpu artifacts (javacpp.platform.extension=-gpu) and"
              + " a CUDA driver");
    }
    int count = torch.cuda_device_count();
    if (device.ordinal() >= count) {
      throw new IllegalStateException(
          "JavaCPP PyTorch sees " + count + " CUDA device(s); there is no " + device);
    }
  }
}
