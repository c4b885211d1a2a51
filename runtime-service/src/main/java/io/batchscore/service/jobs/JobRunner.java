package io.batchscore.service.jobs;

import io.batchscore.service.workspace.JobRecord;
import io.batchscore.service.workspace.Json;
import io.batchscore.service.workspace.Workspace;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a workspace's jobs: one driver process per job, at most the workspace's {@code
 * max_concurrent_jobs} at once, queued jobs taken in FIFO order.
 *
 * <p>Only one runner runs per workspace: {@link #run} holds the {@link RunnerLock} for as long as
 * it runs. All its state is in one thread (the loop); {@link #stop} may be called from any
 * thread. At its start it takes over every job left {@code Running}: a driver still alive (same
 * pid and start instant as recorded) is adopted and waited for; a dead one is restarted with
 * {@code --resume} (or from the start when it had not yet written its state).
 */
public final class JobRunner implements Runnable {

  private static final long POLL_MS = 200;

  private final Workspace ws;
  private final boolean exitWhenIdle;
  private final String id;
  private final java.io.PrintStream log;
  private final Map<String, Tracked> running = new LinkedHashMap<>();
  private volatile boolean stopped;
  private long lastCleanup;

  private record Tracked(Process child, ProcessHandle handle, boolean cancelSent) {}

  /**
   * @param ws the workspace
   * @param exitWhenIdle end once no job is queued or running (the background runner); otherwise
   *     run until {@link #stop}
   * @param log where the runner's lines go (jobs started, adopted, ended)
   */
  public JobRunner(Workspace ws, boolean exitWhenIdle, java.io.PrintStream log) {
    this.ws = ws;
    this.log = log;
    this.exitWhenIdle = exitWhenIdle;
    this.id = ManagementFactory.getRuntimeMXBean().getName();
  }

  /** Stops taking jobs; running drivers go on (the next runner adopts them). */
  public void stop() {
    stopped = true;
  }

  /**
   * Runs until stopped or, when so made, idle. Returns at once when another runner holds the
   * workspace.
   */
  @Override
  public void run() {
    Optional<RunnerLock> lock = RunnerLock.tryAcquire(ws.dir());
    if (lock.isEmpty()) {
      return;
    }
    try (RunnerLock held = lock.get()) {
      recover();
      int idleRounds = 0;
      while (!stopped) {
        boolean queued;
        try {
          reap();
          cancelRequested();
          queued = startQueued();
          cleanup();
        } catch (RuntimeException e) {
          // a failed round (a database error, a process the JDK has not reaped yet) is retried
          // at the next poll: the runner thread must not end while jobs wait for it
          log("runner round failed, retrying: " + e);
          queued = true;
        }
        if (exitWhenIdle && running.isEmpty() && !queued) {
          if (++idleRounds >= 5) {
            return;
          }
        } else {
          idleRounds = 0;
        }
        try {
          Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void recover() {
    for (JobRecord j : ws.jobs().withStatus("Running")) {
      ws.jobs().reassign(j.name(), id);
      Optional<ProcessHandle> live = Drivers.live(j);
      if (live.isPresent()) {
        log("adopting the live driver " + live.get().pid() + " of job " + j.name());
        running.put(j.name(), new Tracked(null, live.get(), false));
      } else if (j.driverPid() != null
          && Files.exists(Path.of(j.outputPath(), "logs", "job_result.txt"))) {
        // its driver ended after its runner died: the result is this attempt's
        finishFromResult(j.name(), null);
      } else {
        launch(j);
      }
    }
  }

  private boolean startQueued() {
    int limit = ws.settings().maxConcurrentJobs();
    boolean more = false;
    for (JobRecord j : ws.jobs().withStatus("Queued")) {
      if (stopped || running.size() >= limit) {
        more = true;
        break;
      }
      if (ws.jobs().claim(j.name(), id, Json.now())) {
        launch(ws.jobs().find(j.name()).orElseThrow());
      }
    }
    return more;
  }

  private void launch(JobRecord j) {
    boolean resume =
        j.resume() && Files.exists(Path.of(j.outputPath(), "logs", "sys", "job_state.json"));
    try {
      Process p = DriverLauncher.start(ws, j, resume);
      ws.jobs().driverStarted(j.name(), id, p.pid(), Drivers.started(p.toHandle()));
      running.put(j.name(), new Tracked(p, p.toHandle(), false));
      log((resume ? "resumed" : "started") + " job " + j.name() + " (driver " + p.pid() + ")");
    } catch (IOException | RuntimeException e) {
      ws.jobs()
          .finish(
              j.name(),
              "Failed",
              null,
              null,
              null,
              "the driver could not start: " + e.getMessage(),
              Json.now());
    }
  }

  private void reap() {
    for (var it = running.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      Tracked t = e.getValue();
      if (t.handle().isAlive()) {
        continue;
      }
      Integer exit = t.child() == null ? null : exitOf(t.child());
      it.remove();
      finishFromResult(e.getKey(), exit);
    }
  }

  /**
   * @return the exit status of a child that is no longer alive: {@code waitFor}, not {@code
   *     exitValue}, which throws until the JDK's reaper thread has recorded the exit
   */
  private static Integer exitOf(Process child) {
    try {
      return child.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private void finishFromResult(String name, Integer exit) {
    Optional<JobRecord> j = ws.jobs().find(name);
    if (j.isEmpty()) {
      return;
    }
    JobOutcome o =
        JobOutcome.read(
            Path.of(j.get().outputPath()),
            exit,
            ws.jobDir(name).resolve("driver.log"),
            j.get().cancelRequested());
    String status = o.status();
    String error = o.error();
    if (status.equals("Canceled") && j.get().cancelRequested()) {
      error = "canceled by " + j.get().updatedBy();
    }
    Optional<String> file = ws.jobs().outputFile(name);
    if (status.equals("Completed") && file.isPresent()) {
      Path target = Path.of(file.get());
      String unpublished =
          OutputFile.publish(Path.of(j.get().outputPath()).resolve(target.getFileName()), target);
      if (unpublished != null) {
        status = "Failed";
        error = unpublished;
      }
    }
    ws.jobs().finish(name, status, o.items(), o.succeeded(), o.failed(), error, Json.now());
    log("job " + name + " " + status);
  }

  private void cancelRequested() {
    for (var e : running.entrySet()) {
      if (e.getValue().cancelSent()) {
        continue;
      }
      Optional<JobRecord> j = ws.jobs().find(e.getKey());
      if (j.isPresent() && j.get().cancelRequested()) {
        e.getValue().handle().destroy();
        e.setValue(new Tracked(e.getValue().child(), e.getValue().handle(), true));
      }
    }
  }

  /** Removes finished jobs older than the workspace's retention, at most once a minute. */
  private void cleanup() {
    int days = ws.settings().jobRetentionDays();
    long now = System.currentTimeMillis();
    if (days <= 0 || now - lastCleanup < 60_000) {
      return;
    }
    lastCleanup = now;
    String cutoff = Instant.now().minus(days, ChronoUnit.DAYS).toString();
    JobControl control = new JobControl(ws);
    for (String status : new String[] {"Completed", "Failed", "Canceled"}) {
      for (JobRecord j : ws.jobs().withStatus(status)) {
        if (j.endTime() != null && j.endTime().compareTo(cutoff) < 0) {
          control.delete(j.name());
          log("cleaned up job " + j.name() + " (ended " + j.endTime() + ")");
        }
      }
    }
  }

  private void log(String line) {
    log.println(Json.now() + " " + line);
    log.flush();
  }
}
