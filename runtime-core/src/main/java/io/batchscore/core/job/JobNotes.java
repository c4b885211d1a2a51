package io.batchscore.core.job;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.device.DevicePlanner;
import io.batchscore.core.input.CsvMiniBatchSource;
import io.batchscore.core.input.MiniBatchSource;
import io.batchscore.core.input.SkippedEntries;
import io.batchscore.core.logs.JobLog;
import io.batchscore.core.schedule.JobCounts;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** The lines a job writes to {@code sys/job.log} (and the console) as it starts and ends. */
final class JobNotes {

  private final JobLog log;
  private final PrintStream console;

  JobNotes(JobLog log, PrintStream console) {
    this.log = log;
    this.console = console;
  }

  /** The job's settings and devices. */
  void start(JobOptions o, Path outputDir, DevicePlanner.Plan plan) {
    Deployment d = o.deployment();
    log.info(
        "job started: deployment %s (%s), input %s, output %s",
        d.name(), d.source(), o.input(), outputDir);
    log.info(
        "scorer %s from %s; model.path %s",
        d.scorerClass(), d.code().map(Path::toString).orElse("the class path"), d.modelPath());
    log.info(
        "mini_batch_size %s, max_retries %d, timeout %s s, error_threshold %d,"
            + " output_action %s, isolate_failed_items %s",
        d.miniBatchSize(),
        d.retry().maxRetries(),
        d.retry().timeout().toMillis() / 1000.0,
        d.errorThreshold(),
        d.outputAction().name().toLowerCase(Locale.ROOT),
        d.isolateFailures());
    if (!o.local()) {
      log.info("mini-batches scored on %s", plan.note());
    } else {
      log.info(
          "%s; %d workers (%d instance(s) x %d per device), %d intra-op thread(s) each",
          plan.note(),
          plan.slots().size(),
          d.instanceCount(),
          d.maxConcurrencyPerInstance(),
          plan.slots().isEmpty() ? 0 : plan.slots().get(0).intraOpThreads());
    }
    for (var f : plan.found()) {
      log.info("found %s: %s, %d MiB, %s", f.device(), f.name(), f.memoryBytes() >> 20, f.uuid());
    }
    if (!d.ignoredKeys().isEmpty()) {
      log.info("keys ignored locally: %s", String.join(", ", d.ignoredKeys()));
    }
  }

  /** What the input's reader skipped, and items scored but not committed. */
  void end(Deployment d, MiniBatchSource source, SkippedEntries skipped, JobCounts s, Path jobLog) {
    if (source instanceof CsvMiniBatchSource csv) {
      log.info(
          "tabular input: %d CSV file(s) read, %d other file(s) skipped, %d bytes of rows",
          csv.filesRead(), csv.filesSkipped(), csv.bytesListed());
      if (csv.filesSkipped() > 0) {
        tell(
            "mini_batch_size "
                + d.miniBatchSize()
                + " is a size, so the input is read as CSV: "
                + csv.filesSkipped()
                + " file(s) not named *.csv were skipped (give a count, such as"
                + " mini_batch_size: 10, to score files)");
      }
    }
    if (skipped.notUtf8() > 0) {
      tell(
          skipped.notUtf8()
              + " input file name(s) are not valid UTF-8: scored, but text made"
              + " from their names shows U+FFFD; each is named in "
              + jobLog);
    }
    if (skipped.total() > 0) {
      log.warn("%d input entries skipped: %s", skipped.total(), skipped.summary());
      tell(
          skipped.total()
              + " input entries skipped ("
              + skipped.summary()
              + "); each is named"
              + " in "
              + jobLog);
    }
    if (s.itemsUncommitted() > 0) {
      log.info(
          "%d item(s) were scored but not committed (a mini-batch before them did not"
              + " end); a resume scores them again",
          s.itemsUncommitted());
      tell(
          s.itemsUncommitted()
              + " item(s) were scored but not committed; --resume scores them"
              + " again");
    }
  }

  /** A line for the console only, when there is one. */
  void tell(String line) {
    if (console != null) {
      console.println("batchscore: " + line);
    }
  }
}
