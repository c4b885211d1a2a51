package io.batchscore.gpu.torch;

import io.batchscore.api.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.global.torch;

/** Puts PyTorch modules (TorchScript or C++-frontend) on a worker's device, in eval mode. */
public final class TorchModules {

  private TorchModules() {}

  /**
   * Loads a TorchScript file ({@code torch.jit.save} / {@code trace(...).save}) onto a device.
   *
   * @param file the {@code .pt} file
   * @param device where the module runs
   * @param intraOpThreads libtorch intra-op threads (see {@link TorchThreads})
   * @return the module in eval mode; the caller closes it
   * @throws IllegalArgumentException naming the file when it is missing or not a TorchScript
   *     archive
   * @throws IllegalStateException when the device is CUDA and libtorch cannot use it
   */
  public static JitModule loadTorchScript(Path file, Device device, int intraOpThreads) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("TorchScript model not found: " + file);
    }
    TorchThreads.set(intraOpThreads);
    if (device.isCuda()) {
      TorchDevices.requireCuda(device);
    }
    JitModule module;
    try {
      module = torch.load(file.toString());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot load TorchScript model " + file + ": " + firstLine(e.getMessage()), e);
    }
    module.eval();
    if (device.isCuda()) {
      try (org.bytedeco.pytorch.Device target = TorchDevices.of(device)) {
        module.to(target, false);
      }
    }
    return module;
  }

  /**
   * Moves a C++-frontend module to a device and switches it to eval mode.
   *
   * @param module the module
   * @param device where it runs
   * @param intraOpThreads libtorch intra-op threads (see {@link TorchThreads})
   * @param <M> the module's type
   * @return the same module
   */
  public static <M extends Module> M place(M module, Device device, int intraOpThreads) {
    TorchThreads.set(intraOpThreads);
    if (device.isCuda()) {
      try (org.bytedeco.pytorch.Device target = TorchDevices.of(device)) {
        module.to(target, false);
      }
    }
    module.eval();
    return module;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
