package io.batchscore.service.jobs;

import io.batchscore.service.api.JobInfo;
import io.batchscore.service.api.LogChunk;
import io.batchscore.service.api.WorkspaceException;
import io.batchscore.service.artifacts.ArtifactStore;
import io.batchscore.service.workspace.JobRecord;
import io.batchscore.service.workspace.JobRepository;
import io.batchscore.service.workspace.Json;
import io.batchscore.service.workspace.Workspace;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Jobs after {@code invoke}: list, show, cancel, resume, delete, download, their log. */
public final class JobControl {

  private final Workspace ws;

  /** @param ws the workspace */
  public JobControl(Workspace ws) {
    this.ws = ws;
  }

  /**
   * @param endpoint an endpoint or null
   * @param deployment a deployment or null
   * @return the jobs
   */
  public List<JobInfo> list(String endpoint, String deployment) {
    return ws.jobs().list(endpoint, deployment).stream().map(j -> JobViews.info(ws, j)).toList();
  }

  /**
   * @param name a job
   * @return it
   */
  public JobInfo show(String name) {
    return JobViews.info(ws, job(name));
  }

  /**
   * @param name a job
   * @param subject who cancels
   * @return the job after the request
   */
  public JobInfo cancel(String name, String subject) {
    JobRecord j = job(name);
    if (j.status().equals("Queued") && ws.jobs().cancelQueued(name, subject, Json.now())) {
      return show(name);
    }
    if (ws.jobs().requestCancel(name, subject)) {
      JobRecord now = job(name);
      // the driver's SIGTERM path, at once when it runs on this machine; the runner also acts
      Drivers.live(now).ifPresent(ProcessHandle::destroy);
    }
    return show(name);
  }

  /**
   * @param name a canceled or failed job
   * @param subject who resumes it
   * @return the job, queued again
   */
  public JobInfo resume(String name, String subject) {
    JobRecord j = job(name);
    long seq = ws.db().withHandle(JobRepository::nextSeq);
    if (!ws.jobs().requeue(name, subject, seq)) {
      throw WorkspaceException.conflict(
          "job "
              + name
              + " is "
              + j.status()
              + "; only a"
              + " Canceled or Failed job can be resumed");
    }
    return show(name);
  }

  /**
   * @param name a finished job
   */
  public void delete(String name) {
    JobRecord j = job(name);
    if (!j.finished() || !ws.jobs().deleteFinished(name)) {
      throw WorkspaceException.conflict(
          "job " + name + " is " + j.status() + "; cancel it" + " before deleting it");
    }
    try {
      ArtifactStore.deleteTree(Path.of(j.outputPath()));
      ArtifactStore.deleteTree(ws.jobDir(name));
    } catch (IOException e) {
      throw new UncheckedIOException("job " + name + ": record deleted, files not: " + e, e);
    }
  }

  /**
   * @param name a job
   * @param outputName {@code score} or null
   * @param downloadDir where to copy
   * @return the folder the outputs went to
   */
  public Path download(String name, String outputName, Path downloadDir) {
    JobRecord j = job(name);
    String out = outputName == null ? "score" : outputName;
    if (!out.equals("score")) {
      throw WorkspaceException.badRequest(
          "--output-name " + out + ": a batch job's only output" + " is 'score'");
    }
    Path source = Path.of(j.outputPath());
    if (!Files.isDirectory(source)) {
      throw WorkspaceException.conflict(
          "job " + name + " is " + j.status() + " and has no" + " outputs yet");
    }
    Path target = downloadDir.toAbsolutePath().normalize().resolve("named-outputs").resolve(out);
    try {
      ArtifactStore.deleteTree(target);
      ArtifactStore.copyTree(source, target);
    } catch (IOException e) {
      throw WorkspaceException.badRequest(
          "--download-path " + downloadDir + ": cannot copy: " + e.getMessage());
    }
    return target;
  }

  /**
   * @param name a job
   * @return its output folder
   */
  public Path outputDir(String name) {
    return Path.of(job(name).outputPath());
  }

  /**
   * @param name a job
   * @param offset a byte offset
   * @return the driver log from there
   */
  public LogChunk readLog(String name, long offset) {
    JobRecord j = job(name);
    Path log = ws.jobDir(name).resolve("driver.log");
    if (!Files.exists(log)) {
      return new LogChunk("", offset, j.finished(), j.status());
    }
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long len = f.length();
      if (offset >= len) {
        return new LogChunk("", offset, j.finished(), j.status());
      }
      byte[] buf = new byte[(int) Math.min(len - offset, 1 << 20)];
      f.seek(offset);
      f.readFully(buf);
      return new LogChunk(
          new String(buf, StandardCharsets.UTF_8),
          offset + buf.length,
          j.finished() && offset + buf.length >= len,
          j.status());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
  }

  private JobRecord job(String name) {
    return ws.jobs()
        .find(name)
        .orElseThrow(() -> WorkspaceException.notFound("job " + name + " not found"));
  }
}
