package io.batchscore.core.job;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.logs.JobLog;
import io.batchscore.core.metrics.MetricsExport;
import io.batchscore.core.report.JobReport;
import io.batchscore.core.report.ThroughputSeries;
import io.batchscore.core.schedule.JobCounts;
import io.batchscore.core.schedule.ScheduleRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files a job leaves as it ends, each written on its own so a full disk loses only the file
 * it hits: {@code job_error.txt}, {@code job_result.txt}, {@code report.html} and the metrics.
 * The finish phase of a job; the outputs are still open and closed after it.
 */
final class JobEnd {

  /** Writes one of the job's end files. */
  private interface EndFile {
    void write() throws IOException;
  }

  private final PreparedJob p;
  private final JobLayout layout;
  private final JobLog log;

  JobEnd(PreparedJob p) {
    this.p = p;
    this.layout = p.layout;
    this.log = p.jobLog;
  }

  /**
   * @param run the job's ledger, or null when it could not be opened
   * @param s the final counts, with the stop's status and reason
   * @param r the result
   * @param throughput the report's series
   * @param started when the job started
   */
  void write(
      ScheduleRun run,
      JobCounts s,
      JobResult r,
      ThroughputSeries throughput,
      LocalDateTime started) {
    Deployment d = p.options.deployment();
    bestEffort(
        "logs/job_error.txt",
        () -> {
          if (run != null) {
            run.writeJobError(layout.jobError(), s);
          } else {
            Files.writeString(
                layout.jobError(), "Job error: " + s.stopReason() + "\n", StandardCharsets.UTF_8);
          }
        });
    writeResult(r, s, started);
    // The metrics and the report only read what the job left, and their code runs once, cold:
    // written side by side, now that the workers have stopped.
    Thread reportWriter =
        new Thread(
            () ->
                bestEffort(
                    "logs/report.html",
                    () ->
                        JobReport.write(
                            layout.report(),
                            d.name(),
                            new JobReport.Outcome(
                                r.status().name(),
                                r.reason(),
                                s.itemsSucceeded(),
                                s.itemsFailed(),
                                s.batchesCommitted(),
                                started.withNano(0).toString().replace('T', ' '),
                                r.duration()),
                            JobReport.settings(
                                d,
                                p.options.input(),
                                layout.outputDir(),
                                p.plan.devices().note(),
                                p.workers()),
                            throughput,
                            p.metrics,
                            layout.failedItems())),
            "batchscore-report");
    reportWriter.setDaemon(true);
    reportWriter.start();
    bestEffort(
        "logs/metrics.json", () -> MetricsExport.writeJson(p.registry, layout.metricsJson()));
    bestEffort(
        "logs/metrics.prom", () -> MetricsExport.writePrometheus(p.registry, layout.metricsProm()));
    try {
      reportWriter.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info(
        "job %s in %.3f s: %d items succeeded, %d failed, %d mini-batches%s",
        r.status(),
        r.duration().toNanos() / 1e9,
        s.itemsSucceeded(),
        s.itemsFailed(),
        s.batchesCommitted(),
        s.stopReason() == null ? "" : "; " + s.stopReason());
  }

  /** Writes {@code job_result.txt} alone (a job that could not start has nothing else). */
  void writeResult(JobResult r, JobCounts s, LocalDateTime started) {
    bestEffort("logs/job_result.txt", () -> writeJobResult(r, s, started));
  }

  private void bestEffort(String name, EndFile file) {
    try {
      file.write();
    } catch (IOException | RuntimeException e) {
      log.warn("cannot write %s: %s", name, e);
      System.err.println("batchscore: cannot write " + name + ": " + e.getMessage());
    }
  }

  private void writeJobResult(JobResult r, JobCounts s, LocalDateTime started) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(r.status().name());
    lines.add("items: " + (r.itemsSucceeded() + r.itemsFailed()));
    lines.add("succeeded: " + r.itemsSucceeded());
    lines.add("failed: " + r.itemsFailed());
    lines.add("mini-batches: " + r.miniBatches());
    if (s.itemsUncommitted() > 0) {
      lines.add(
          "uncommitted: "
              + s.itemsUncommitted()
              + " (scored after a mini-batch that did"
              + " not end; not in the output, a resume scores them again)");
    }
    lines.add("started: " + started);
    lines.add("duration_s: " + String.format(Locale.ROOT, "%.3f", r.duration().toNanos() / 1e9));
    r.predictions().ifPresent(f -> lines.add("predictions: " + f));
    if (!r.reason().isEmpty()) {
      lines.add("reason: " + r.reason());
    }
    Files.write(layout.jobResult(), lines, StandardCharsets.UTF_8);
  }

  /** @return the job's duration so far */
  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
