package io.batchscore.gpu.discovery;

import io.batchscore.api.Device;
import io.batchscore.api.DeviceProvider;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Lists the CUDA devices this process can use: the GPUs {@code nvidia-smi} reports, filtered and
 * renumbered by {@code CUDA_VISIBLE_DEVICES} ({@link CudaVisibleDevices}). Registered for {@link
 * java.util.ServiceLoader} under {@code META-INF/services/io.batchscore.api.DeviceProvider}.
 *
 * <p>Testing aid: {@code BATCHSCORE_FAKE_CUDA_DEVICES=N} reports N devices named {@value
 * #FAKE_NAME} (memory unknown, uuid {@code fake-<i>}) without asking the driver, so placement over
 * GPUs can be tested where there are none. Such devices cannot run a model: an engine asked to use
 * one fails as it would for any missing GPU.
 *
 * <p>Never throws: no driver, a failing {@code nvidia-smi} or a bad variable mean no devices.
 */
public final class CudaDeviceProvider implements DeviceProvider {

  /** The testing aid's environment variable. */
  public static final String FAKE_VARIABLE = "BATCHSCORE_FAKE_CUDA_DEVICES";

  /** The name of a fake device. */
  public static final String FAKE_NAME = "Fake CUDA device";

  private static final System.Logger LOG = System.getLogger(CudaDeviceProvider.class.getName());

  private final Function<String, String> environment;
  private final Supplier<Optional<String>> nvidiaSmi;

  /** The provider {@link java.util.ServiceLoader} makes: real environment, real nvidia-smi. */
  public CudaDeviceProvider() {
    this(System::getenv, NvidiaSmi.standard());
  }

  /**
   * @param environment looks up an environment variable, null when unset
   * @param nvidiaSmi the output of the nvidia-smi query, empty when there is none
   */
  public CudaDeviceProvider(
      Function<String, String> environment, Supplier<Optional<String>> nvidiaSmi) {
    this.environment = environment;
    this.nvidiaSmi = nvidiaSmi;
  }

  @Override
  public List<DeviceInfo> discover() {
    try {
      String fake = environment.apply(FAKE_VARIABLE);
      if (fake != null && !fake.isBlank()) {
        return fakeDevices(fake.trim());
      }
      List<NvidiaGpu> gpus = nvidiaSmi.get().map(NvidiaSmiParser::parse).orElse(List.of());
      List<NvidiaGpu> visible =
          CudaVisibleDevices.apply(gpus, environment.apply(CudaVisibleDevices.VARIABLE));
      List<DeviceInfo> devices = new ArrayList<>(visible.size());
      for (int ordinal = 0; ordinal < visible.size(); ordinal++) {
        NvidiaGpu gpu = visible.get(ordinal);
        long bytes = gpu.memoryMiB() < 0 ? -1 : gpu.memoryMiB() * 1024 * 1024;
        devices.add(new DeviceInfo(Device.cuda(ordinal), gpu.name(), bytes, gpu.uuid()));
      }
      return List.copyOf(devices);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "CUDA discovery failed; no CUDA devices", e);
      return List.of();
    }
  }

  private static List<DeviceInfo> fakeDevices(String value) {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0) {
      LOG.log(Level.WARNING, FAKE_VARIABLE + "=" + value + " is not a count; no CUDA devices");
      return List.of();
    }
    List<DeviceInfo> devices = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      devices.add(new DeviceInfo(Device.cuda(i), FAKE_NAME, -1, "fake-" + i));
    }
    return List.copyOf(devices);
  }
}
