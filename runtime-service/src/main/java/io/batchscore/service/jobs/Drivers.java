package io.batchscore.service.jobs;

import io.batchscore.service.workspace.JobRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds a job's driver process on this machine from the pid and start instant recorded. */
final class Drivers {

  private Drivers() {}

  /**
   * @param job a running job
   * @return its driver, when that process is alive (same pid and same start instant)
   */
  static Optional<ProcessHandle> live(JobRecord job) {
    Optional<ProcessHandle> recorded =
        job.driverPid() == null
            ? Optional.empty()
            : ProcessHandle.of(job.driverPid())
                .filter(ProcessHandle::isAlive)
                .filter(
                    p ->
                        job.driverStarted() == null
                            || p.info()
                                .startInstant()
                                .map(i -> i.toString().equals(job.driverStarted()))
                                .orElse(false));
    // a runner that died between starting a driver and recording its pid leaves a live driver
    // that only its command line names
    return recorded.isPresent() || job.outputPath() == null
        ? recorded
        : driving(Path.of(job.outputPath()));
  }

  /**
   * @param output a job's output folder
   * @return a live {@code batchscore run} process of this machine writing into it
   */
  static Optional<ProcessHandle> driving(Path output) {
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self && p.isAlive())
        .filter(p -> arguments(p).map(a -> writesInto(a, output)).orElse(false))
        .findFirst();
  }

  /**
   * @return a process's arguments (without the command): from {@code /proc/PID/cmdline} where
   *     there is one, since {@link ProcessHandle.Info#arguments} reads only its first page, and a
   *     driver's class path alone can be longer
   */
  static Optional<List<String>> arguments(ProcessHandle p) {
    Path cmdline = Path.of("/proc", Long.toString(p.pid()), "cmdline");
    try {
      String all = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
      List<String> args = List.of(all.split("\0"));
      return args.isEmpty() ? Optional.empty() : Optional.of(args.subList(1, args.size()));
    } catch (IOException | UncheckedIOException | SecurityException noProc) {
      return p.info().arguments().map(List::of);
    }
  }

  private static boolean writesInto(List<String> args, Path output) {
    int i = args.indexOf("--output");
    return args.contains("run")
        && i >= 0
        && i + 1 < args.size()
        && Path.of(args.get(i + 1))
            .toAbsolutePath()
            .normalize()
            .equals(output.toAbsolutePath().normalize());
  }

  /**
   * @param p a process
   * @return its start instant as recorded, or null when the OS does not say
   */
  static String started(ProcessHandle p) {
    return p.info().startInstant().map(Object::toString).orElse(null);
  }
}
