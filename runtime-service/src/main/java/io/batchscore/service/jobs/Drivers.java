package io.batchscore.service.jobs;

import io.batchscore.service.workspace.JobRecord;
import java.util.Optional;

/** Finds a job's driver process on this machine from the pid and start instant recorded. */
final class Drivers {

  private Drivers() {}

  /**
   * @param job a running job
   * @return its driver, when that process is alive (same pid and same start instant)
   */
  static Optional<ProcessHandle> live(JobRecord job) {
    if (job.driverPid() == null) {
      return Optional.empty();
    }
    return ProcessHandle.of(job.driverPid()).filter(ProcessHandle::isAlive)
        .filter(p -> job.driverStarted() == null || p.info().startInstant()
            .map(i -> i.toString().equals(job.driverStarted())).orElse(false));
  }

  /**
   * @param p a process
   * @return its start instant as recorded, or null when the OS does not say
   */
  static String started(ProcessHandle p) {
    return p.info().startInstant().map(Object::toString).orElse(null);
  }
}
