package io.batchscore.core.device;

import io.batchscore.api.Device;
import io.batchscore.core.logs.JobLayout;

/**
 * A place for one worker: its number, its instance ("node"), its process number within the
 * instance, its device and its engine thread budget. A worker that times out is replaced by a
 * fresh one in the same slot.
 *
 * @param id the worker's number in the job, from 0
 * @param instance the instance's number, from 0
 * @param process the worker's number within its instance, from 0
 * @param device where it runs
 * @param intraOpThreads engine threads it may use
 */
public record WorkerSlot(int id, int instance, int process, Device device, int intraOpThreads) {

  /** @return the instance's name in the log layout, such as {@code node000} */
  public String node() {
    return JobLayout.nodeName(instance);
  }

  /** @return the worker's name, such as {@code node000/process001} */
  public String name() {
    return node() + "/" + JobLayout.processName(process);
  }

  // Written out for the reason given in Device: the generated ones spin classes at run time.
  @Override
  public boolean equals(Object o) {
    return o instanceof WorkerSlot s
        && s.id == id
        && s.instance == instance
        && s.process == process
        && s.device.equals(device)
        && s.intraOpThreads == intraOpThreads;
  }

  @Override
  public int hashCode() {
    return ((((id * 31) + instance) * 31 + process) * 31 + device.hashCode()) * 31 + intraOpThreads;
  }
}
