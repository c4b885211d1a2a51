package io.batchscore.spark.driver;

import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.logs.LogFile;
import io.batchscore.spark.executor.TaskOutput;
import java.util.HashMap;
import java.util.Map;

/**
 * The driver's copies of the executors' worker logs: {@code
 * logs/user/stdout/<executor>/process<NNN>.stdout.txt} and {@code logs/user/error/...}, appended
 * as task results arrive. Guarded by this object's monitor.
 */
final class WorkerLogs implements AutoCloseable {

  private final JobLayout layout;
  private final Map<String, LogFile> files = new HashMap<>();

  WorkerLogs(JobLayout layout) {
    this.layout = layout;
  }

  synchronized void append(TaskOutput.WorkerLines w) {
    if (!w.lines().stdout().isEmpty()) {
      file(layout.workerStdout(w.node(), w.process())).write(w.lines().stdout());
    }
    if (!w.lines().error().isEmpty()) {
      file(layout.workerError(w.node(), w.process())).write(w.lines().error());
    }
  }

  private LogFile file(java.nio.file.Path p) {
    return files.computeIfAbsent(p.toString(), k -> new LogFile(p));
  }

  @Override
  public synchronized void close() {
    files.values().forEach(LogFile::close);
    files.clear();
  }
}
