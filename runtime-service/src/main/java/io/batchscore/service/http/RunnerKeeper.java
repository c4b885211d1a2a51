package io.batchscore.service.http;

import io.batchscore.service.api.WorkspaceException;
import io.batchscore.service.api.WorkspaceService;

/**
 * Runs the workspace's jobs in the serving process: takes the workspace's runner as soon as no
 * other process holds it (a background runner a CLI command started exits when its queue is
 * empty), checking every two seconds, and releases it on {@link #close}.
 */
final class RunnerKeeper implements AutoCloseable {

  private final Thread thread;
  private volatile boolean closed;
  private AutoCloseable runner;

  RunnerKeeper(WorkspaceService workspace) {
    thread =
        new Thread(
            () -> {
              while (!closed) {
                try {
                  AutoCloseable taken = workspace.runJobs();
                  synchronized (this) {
                    if (closed) {
                      closeQuietly(taken);
                    } else {
                      runner = taken;
                    }
                  }
                  return;
                } catch (WorkspaceException held) {
                  try {
                    Thread.sleep(2000);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              }
            },
            "batchscore-runner-keeper");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void close() {
    closed = true;
    thread.interrupt();
    if (runner != null) {
      closeQuietly(runner);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      System.err.println("batchscore: stopping the runner: " + e);
    }
  }
}
