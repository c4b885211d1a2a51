package io.batchscore.core.device;

import io.batchscore.api.Device;
import io.batchscore.api.DeviceProvider;
import io.batchscore.api.DeviceProvider.DeviceInfo;
import io.batchscore.core.deployment.DeploymentException;
import io.batchscore.core.deployment.DeviceSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Places workers on devices and gives each an engine thread budget.
 *
 * <ul>
 *   <li>{@code cpu}: {@code max_concurrency_per_instance} workers per instance on the CPU;</li>
 *   <li>{@code cuda} / {@code cuda:0,1}: {@code max_concurrency_per_instance} workers per
 *       selected CUDA device per instance; no CUDA device is an error (exit 2);</li>
 *   <li>{@code auto}: as {@code cuda} when a CUDA device is found, else as {@code cpu}.</li>
 * </ul>
 * Threads: {@code intra_op_threads} when set; otherwise the cores divided among the workers
 * (at least 1), so workers × threads does not oversubscribe the machine.
 */
public final class DevicePlanner {

  private DevicePlanner() {}

  /**
   * The plan and what was found, for the job log.
   *
   * @param slots one per worker
   * @param found the CUDA devices discovered
   * @param note a line for the job log explaining the choice
   */
  public record Plan(List<WorkerSlot> slots, List<DeviceInfo> found, String note) {}

  /**
   * @param loader where to look for {@link DeviceProvider}s (the scorer's class loader)
   * @return every device the providers found
   */
  public static List<DeviceInfo> discover(ClassLoader loader) {
    List<DeviceInfo> all = new ArrayList<>();
    for (DeviceProvider p : ServiceLoader.load(DeviceProvider.class, loader)) {
      all.addAll(p.discover());
    }
    return all;
  }

  /**
   * @param selection the {@code devices} key
   * @param found the CUDA devices discovered
   * @param instances {@code resources.instance_count}
   * @param perDevice {@code max_concurrency_per_instance}
   * @param threadsOverride {@code intra_op_threads}, 0 to plan
   * @param cores the machine's cores
   * @return the plan
   */
  public static Plan plan(
      DeviceSelection selection,
      List<DeviceInfo> found,
      int instances,
      int perDevice,
      int threadsOverride,
      int cores) {
    List<Device> cuda = new ArrayList<>();
    for (DeviceInfo d : found) {
      if (d.device().isCuda()) {
        cuda.add(d.device());
      }
    }
    List<Device> devices;
    String note;
    switch (selection.mode()) {
      case CPU -> {
        devices = List.of(Device.cpu());
        note = "devices: cpu";
      }
      case CUDA -> {
        if (cuda.isEmpty()) {
          throw new DeploymentException(
              "devices: "
                  + selection
                  + " but no CUDA device was found"
                  + " (is runtime-gpu on the scorer's class path and nvidia-smi working?"
                  + " use devices: auto or cpu to run on the CPU)");
        }
        devices = selection.ordinals().isEmpty() ? cuda : pick(cuda, selection);
        note = "devices: " + selection + " -> " + devices;
      }
      default -> {
        devices = cuda.isEmpty() ? List.of(Device.cpu()) : cuda;
        note =
            cuda.isEmpty()
                ? "devices: auto found no CUDA device; workers run on the CPU"
                : "devices: auto found " + cuda.size() + " CUDA device(s): " + cuda;
      }
    }
    int workers = instances * devices.size() * perDevice;
    int threads = threadsOverride > 0 ? threadsOverride : Math.max(1, cores / workers);
    List<WorkerSlot> slots = new ArrayList<>(workers);
    for (int i = 0; i < instances; i++) {
      int process = 0;
      for (Device d : devices) {
        for (int k = 0; k < perDevice; k++) {
          slots.add(new WorkerSlot(slots.size(), i, process++, d, threads));
        }
      }
    }
    return new Plan(List.copyOf(slots), List.copyOf(found), note);
  }

  private static List<Device> pick(List<Device> cuda, DeviceSelection selection) {
    List<Device> picked = new ArrayList<>();
    for (int ordinal : selection.ordinals()) {
      Device d = Device.cuda(ordinal);
      if (!cuda.contains(d)) {
        throw new DeploymentException(
            "devices: " + selection + " names " + d + " but the CUDA devices found are " + cuda);
      }
      picked.add(d);
    }
    return picked;
  }
}
