package io.batchscore.gpu.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.api.Device;
import io.batchscore.api.DeviceProvider;
import io.batchscore.api.DeviceProvider.DeviceInfo;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CudaDeviceProviderTest {

  static CudaDeviceProvider provider(Map<String, String> env, Optional<String> smi) {
    return new CudaDeviceProvider(env::get, () -> smi);
  }

  @Test
  void reportsVisibleGpusRenumberedFromZeroWithMemoryInBytes() {
    List<DeviceInfo> devices =
        provider(Map.of("CUDA_VISIBLE_DEVICES", "1"), Optional.of(NvidiaSmiParserTest.TWO_H100))
            .discover();
    assertThat(devices)
        .containsExactly(
            new DeviceInfo(
                Device.cuda(0),
                "NVIDIA H100 80GB HBM3",
                81559L * 1024 * 1024,
                "GPU-9b8c7d6e-aaaa-bbbb-cccc-ddddeeeeffff"));
  }

  @Test
  void visibleDevicesByUuid() {
    List<DeviceInfo> devices =
        provider(
                Map.of("CUDA_VISIBLE_DEVICES", "GPU-9b8c7d6e-aaaa-bbbb-cccc-ddddeeeeffff,GPU-5f0a"),
                Optional.of(NvidiaSmiParserTest.TWO_H100))
            .discover();
    assertThat(devices)
        .extracting(DeviceInfo::device)
        .containsExactly(Device.cuda(0), Device.cuda(1));
    assertThat(devices)
        .extracting(DeviceInfo::uuid)
        .containsExactly(
            "GPU-9b8c7d6e-aaaa-bbbb-cccc-ddddeeeeffff", "GPU-5f0a1c2d-1111-2222-3333-444455556666");
  }

  @Test
  void noDriverMeansNoDevices() {
    assertThat(provider(Map.of(), Optional.empty()).discover()).isEmpty();
  }

  @Test
  void missingBinaryMeansNoDevicesAndNoException() {
    CudaDeviceProvider provider =
        new CudaDeviceProvider(
            k -> null, new NvidiaSmi(List.of("/nonexistent/nvidia-smi"), Duration.ofSeconds(2)));
    assertThat(provider.discover()).isEmpty();
  }

  @Test
  void failingOrHangingCommandMeansNoDevices() {
    assertThat(new NvidiaSmi(List.of("false"), Duration.ofSeconds(2)).get()).isEmpty();
    assertThat(new NvidiaSmi(List.of("echo", "0, X, 1, GPU-x"), Duration.ofSeconds(2)).get())
        .contains("0, X, 1, GPU-x\n");
    long start = System.nanoTime();
    assertThat(new NvidiaSmi(List.of("sleep", "30"), Duration.ofMillis(300)).get()).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(new NvidiaSmi(List.of("batchscore-no-such-tool"), Duration.ofSeconds(2)).get())
        .isEmpty();
  }

  @Test
  void locatesAProgramAsAShellWould(@TempDir Path tmp) throws Exception {
    Path a = Files.createDirectories(tmp.resolve("a"));
    Path b = Files.createDirectories(tmp.resolve("b"));
    Path notExecutable = Files.writeString(a.resolve("tool"), "");
    Path executable = Files.writeString(b.resolve("tool"), "");
    executable.toFile().setExecutable(true);
    String path = a + File.pathSeparator + b;
    assertThat(NvidiaSmi.locate("tool", path)).contains(executable);
    assertThat(NvidiaSmi.locate("tool", a.toString())).isEmpty();
    assertThat(NvidiaSmi.locate("tool", null)).isEmpty();
    assertThat(NvidiaSmi.locate("sh", null)).as("unset PATH: /bin:/usr/bin").isPresent();
    assertThat(NvidiaSmi.locate(executable.toString(), null)).contains(executable);
    assertThat(NvidiaSmi.locate(notExecutable.toString(), path)).isEmpty();
    assertThat(NvidiaSmi.locate(a.toString(), path)).as("a folder").isEmpty();
  }

  @Test
  void fakeDevicesForTesting() {
    List<DeviceInfo> devices =
        provider(Map.of("BATCHSCORE_FAKE_CUDA_DEVICES", "2"), Optional.empty()).discover();
    assertThat(devices)
        .containsExactly(
            new DeviceInfo(Device.cuda(0), "Fake CUDA device", -1, "fake-0"),
            new DeviceInfo(Device.cuda(1), "Fake CUDA device", -1, "fake-1"));
    assertThat(provider(Map.of("BATCHSCORE_FAKE_CUDA_DEVICES", "0"), Optional.empty()).discover())
        .isEmpty();
    assertThat(provider(Map.of("BATCHSCORE_FAKE_CUDA_DEVICES", "two"), Optional.empty()).discover())
        .isEmpty();
  }

  @Test
  void registeredForServiceLoader() {
    assertThat(ServiceLoader.load(DeviceProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(CudaDeviceProvider.class);
  }
}
