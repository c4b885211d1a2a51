package io.batchscore.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batchscore.api.Device;
import io.batchscore.api.DeviceProvider.DeviceInfo;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.deployment.DeviceSelection;
import io.batchscore.core.deployment.DeviceSelection.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevicePlannerTest {

  private static final List<DeviceInfo> TWO_GPUS =
      List.of(
          new DeviceInfo(Device.cuda(0), "gpu0", 1L << 34, "GPU-a"),
          new DeviceInfo(Device.cuda(1), "gpu1", 1L << 34, "GPU-b"));

  @Test
  void cpuSplitsCoresAmongWorkers() {
    var plan = DevicePlanner.plan(new DeviceSelection(Mode.CPU, List.of()), TWO_GPUS, 1, 4, 0, 16);
    assertThat(plan.slots())
        .hasSize(4)
        .allMatch(s -> s.device().equals(Device.cpu()))
        .allMatch(s -> s.intraOpThreads() == 4);
    assertThat(plan.slots()).extracting(WorkerSlot::process).containsExactly(0, 1, 2, 3);
  }

  @Test
  void moreWorkersThanCoresGetOneThreadEachAndTheOverrideWins() {
    var plan = DevicePlanner.plan(new DeviceSelection(Mode.CPU, List.of()), List.of(), 2, 3, 0, 2);
    assertThat(plan.slots()).hasSize(6).allMatch(s -> s.intraOpThreads() == 1);
    assertThat(plan.slots())
        .extracting(WorkerSlot::name)
        .contains("node000/process002", "node001/process000");
    var forced =
        DevicePlanner.plan(new DeviceSelection(Mode.CPU, List.of()), List.of(), 1, 2, 3, 2);
    assertThat(forced.slots()).allMatch(s -> s.intraOpThreads() == 3);
  }

  @Test
  void cudaPutsWorkersPerDevice() {
    var plan = DevicePlanner.plan(new DeviceSelection(Mode.CUDA, List.of()), TWO_GPUS, 1, 3, 0, 12);
    assertThat(plan.slots())
        .extracting(s -> s.device().toString())
        .containsExactly("cuda:0", "cuda:0", "cuda:0", "cuda:1", "cuda:1", "cuda:1");
    var one = DevicePlanner.plan(new DeviceSelection(Mode.CUDA, List.of(1)), TWO_GPUS, 1, 2, 0, 12);
    assertThat(one.slots())
        .extracting(s -> s.device().toString())
        .containsExactly("cuda:1", "cuda:1");
  }

  @Test
  void autoFallsBackToCpuWithANote() {
    var plan = DevicePlanner.plan(new DeviceSelection(Mode.AUTO, List.of()), List.of(), 1, 2, 0, 2);
    assertThat(plan.slots()).allMatch(s -> s.device().equals(Device.cpu()));
    assertThat(plan.note()).contains("no CUDA device");
    var gpu = DevicePlanner.plan(new DeviceSelection(Mode.AUTO, List.of()), TWO_GPUS, 1, 1, 0, 2);
    assertThat(gpu.slots())
        .extracting(s -> s.device().toString())
        .containsExactly("cuda:0", "cuda:1");
  }

  @Test
  void cudaWithoutDevicesOrAnUnknownOrdinalIsAnError() {
    assertThatThrownBy(
            () ->
                DevicePlanner.plan(
                    new DeviceSelection(Mode.CUDA, List.of()), List.of(), 1, 1, 0, 2))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("no CUDA device was found");
    assertThatThrownBy(
            () ->
                DevicePlanner.plan(
                    new DeviceSelection(Mode.CUDA, List.of(2)), TWO_GPUS, 1, 1, 0, 2))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("cuda:2");
  }
}
