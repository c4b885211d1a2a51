package io.batchscore.core.report;

import io.batchscore.core.deployment.Deployment;
import io.batchscore.core.metrics.JobMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Gathers a finished job's data (its result, settings, throughput series, run statistics and
 * failed items) and writes {@code logs/report.html}. Reading the failed items streams
 * {@code failed_items.csv} and keeps the first {@value #MAX_FAILURES}, so memory stays bounded
 * however many items failed.
 */
public final class JobReport {

  /** Failed items shown on the page at most; the rest are counted. */
  public static final int MAX_FAILURES = 1000;

  /**
   * How the job ended, as the page shows it.
   *
   * @param status Completed, Failed or Canceled
   * @param reason why it failed, or empty
   * @param itemsSucceeded items that gave a row
   * @param itemsFailed items that failed
   * @param miniBatches mini-batches committed
   * @param started when it started, as text
   * @param duration wall time
   */
  public record Outcome(
      String status,
      String reason,
      long itemsSucceeded,
      long itemsFailed,
      long miniBatches,
      String started,
      Duration duration) {}

  private JobReport() {}

  /**
   * Writes the page, atomically (a temporary file moved in place).
   *
   * @param file {@code logs/report.html}
   * @param title the deployment's name
   * @param outcome how the job ended
   * @param settings the settings summary
   * @param throughput the sampled progress
   * @param metrics the job's meters
   * @param failedItemsCsv {@code failed_items.csv}
   * @throws IOException when a file cannot be read or written
   */
  public static void write(
      Path file,
      String title,
      Outcome outcome,
      Map<String, String> settings,
      ThroughputSeries throughput,
      JobMetrics metrics,
      Path failedItemsCsv)
      throws IOException {
    List<ReportData.FailedItem> failures = new ArrayList<>();
    long total = readFailures(failedItemsCsv, MAX_FAILURES, failures);
    ReportData data =
        new ReportData(
            title,
            outcome.status(),
            outcome.reason(),
            outcome.itemsSucceeded(),
            outcome.itemsFailed(),
            outcome.miniBatches(),
            outcome.started(),
            outcome.duration(),
            settings,
            throughput.points(),
            metrics.runDurations(),
            metrics.workers(),
            counters(metrics.registry()),
            failures,
            total);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, ReportPage.render(data), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads failed items from a {@code mini_batch,item,reason} CSV file.
   *
   * @param csv the file; missing means none
   * @param max how many to keep
   * @param into where the first {@code max} go
   * @return how many the file lists
   * @throws IOException when it cannot be read
   */
  static long readFailures(Path csv, int max, List<ReportData.FailedItem> into) throws IOException {
    if (!Files.exists(csv)) {
      return 0;
    }
    long n = 0;
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      for (CSVRecord rec :
          CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
        if (n < max) {
          into.add(
              new ReportData.FailedItem(rec.get("mini_batch"), rec.get("item"), rec.get("reason")));
        }
        n++;
      }
    }
    return n;
  }

  /**
   * @param d the deployment
   * @param input the input path
   * @param output the output folder
   * @param devicesNote the device planner's note
   * @param workers the number of workers
   * @return the settings summary the page shows
   */
  public static Map<String, String> settings(
      Deployment d, Path input, Path output, String devicesNote, int workers) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("deployment", d.source().toString());
    s.put("scorer", d.scorerClass() + d.code().map(c -> " from " + c).orElse(""));
    s.put("model.path", d.modelPath().toString());
    s.put("input", input.toString());
    s.put("output", output.toString());
    s.put(
        "instances x concurrency",
        d.instanceCount() + " x " + d.maxConcurrencyPerInstance() + " = " + workers + " worker(s)");
    s.put("devices", devicesNote);
    s.put("mini_batch_size", d.miniBatchSize().toString());
    s.put(
        "retry_settings",
        "max_retries "
            + d.retry().maxRetries()
            + ", timeout "
            + d.retry().timeout().toMillis() / 1000.0
            + " s");
    s.put("error_threshold", Long.toString(d.errorThreshold()));
    s.put(
        "output_action",
        d.outputAction().name().toLowerCase(Locale.ROOT)
            + (d.outputAction().name().equals("APPEND_ROW") ? " -> " + d.outputFileName() : ""));
    return s;
  }

  private static Map<String, Long> counters(MeterRegistry registry) {
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("retries", count(registry, "batchscore.retries", null));
    c.put("timeouts", count(registry, "batchscore.timeouts", null));
    c.put("worker inits succeeded", count(registry, "batchscore.worker.inits", "success"));
    c.put("worker inits failed", count(registry, "batchscore.worker.inits", "error"));
    return c;
  }

  private static long count(MeterRegistry registry, String name, String outcome) {
    var search = registry.find(name);
    if (outcome != null) {
      search = search.tag("outcome", outcome);
    }
    double sum = 0;
    for (Counter c : search.counters()) {
      sum += c.count();
    }
    return Math.round(sum);
  }
}
