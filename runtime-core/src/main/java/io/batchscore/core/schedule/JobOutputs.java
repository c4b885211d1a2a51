package io.batchscore.core.schedule;

import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.logs.LogFile;
import io.batchscore.core.output.PredictionsWriter;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;

/**
 * Commits completed mini-batches, in index order: their rows to the predictions file, a line to
 * {@code processed_mini-batches.csv}, and their failed items to
 * {@code logs/sys/job_report/failed_items.csv} (copied into {@code job_error.txt} at the end).
 */
final class JobOutputs implements Scheduler.Committer, AutoCloseable {

  static final String REPORT_HEADER = "index,items,attempts,status,worker,device,ms,failed_items";
  private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

  private final PredictionsWriter predictions; // null for summary_only
  private final LogFile report;
  private final LogFile failures;
  private final Path failuresPath;

  JobOutputs(JobLayout layout, PredictionsWriter predictions) {
    this.predictions = predictions;
    this.report = new LogFile(layout.processedMiniBatches());
    this.failuresPath = layout.failedItems();
    this.failures = new LogFile(failuresPath);
    report.write(REPORT_HEADER + "\n");
    failures.write("mini_batch,item,reason\n");
  }

  @Override
  public void commit(CompletedBatch b) throws IOException {
    if (predictions != null) {
      predictions.append(b.rows());
    }
    report.write(b.index() + "," + b.items() + "," + b.attempts() + "," + b.status() + ","
        + b.worker() + "," + b.device() + "," + b.millis() + "," + b.failures().size() + "\n");
    if (!b.failures().isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (ItemFailure f : b.failures()) {
        CSV.printRecord(sb, f.miniBatch(), f.item(), f.reason());
      }
      failures.write(sb.toString());
    }
  }

  /**
   * Writes {@code job_error.txt}: the job's error (if any), the first failed item, then every
   * failed item with its reason.
   */
  void writeJobError(Path file, String jobError, ItemFailure first, long failedCount)
      throws IOException {
    if (jobError == null && first == null) {
      return;
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      if (jobError != null) {
        w.write("Job error: " + jobError + "\n");
      }
      if (first != null) {
        w.write("First failed item: " + first.item() + " (mini-batch " + first.miniBatch() + "): "
            + first.reason() + "\n");
        w.write("\nFailed items (" + failedCount + "):\n");
        failures.close();
        try (BufferedReader r = Files.newBufferedReader(failuresPath, StandardCharsets.UTF_8)) {
          var records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
              .parse(r);
          for (var rec : records) {
            w.write(rec.get("item") + "\t" + rec.get("reason") + "\n");
          }
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    report.close();
    failures.close();
    if (predictions != null) {
      predictions.close();
    }
  }

}
