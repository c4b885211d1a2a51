package io.batchscore.core.schedule;

import io.batchscore.core.logs.JobLayout;
import io.batchscore.core.output.LineFile;
import io.batchscore.core.resume.Checkpoint;
import io.batchscore.core.resume.CommitJournal;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Commits completed mini-batches, in index order: their rows to the predictions file, a line to
 * {@code processed_mini-batches.csv}, their failed items to
 * {@code logs/sys/job_report/failed_items.csv} (copied into {@code job_error.txt} at the end),
 * and then a checkpoint to the {@link CommitJournal}: the commit point a resume goes back to.
 */
final class JobOutputs implements Scheduler.Committer, AutoCloseable {

  static final String REPORT_HEADER = "index,items,attempts,status,worker,device,ms,failed_items";
  static final String FAILURES_HEADER = "mini_batch,item,reason";
  private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

  private final LineFile predictions; // null for summary_only
  private final LineFile report;
  private final LineFile failures;
  private final CommitJournal journal;
  private final Path failuresPath;
  private long succeeded;
  private long failed;
  private long nextIndex;
  private long lastPresenceCheck = System.nanoTime();

  /**
   * Opens the outputs, truncated back to {@code from} (the start, or a resumed job's last
   * checkpoint).
   */
  JobOutputs(JobLayout layout, Path predictionsFile, Checkpoint from, long journalBytes)
      throws IOException {
    this.failuresPath = layout.failedItems();
    this.predictions = predictionsFile == null ? null
        : new LineFile(predictionsFile, from.predictionsBytes());
    this.report = new LineFile(layout.processedMiniBatches(), from.reportBytes());
    this.failures = new LineFile(failuresPath, from.failuresBytes());
    this.journal = new CommitJournal(layout.commitJournal(), journalBytes);
    this.succeeded = from.itemsSucceeded();
    this.failed = from.itemsFailed();
    this.nextIndex = from.nextIndex();
    if (from.reportBytes() == 0) {
      report.appendText(REPORT_HEADER + "\n");
    }
    if (from.failuresBytes() == 0) {
      failures.appendText(FAILURES_HEADER + "\n");
    }
  }

  @Override
  public void commit(CompletedBatch b) throws IOException {
    checkStillThere();
    if (predictions != null) {
      predictions.append(b.rows());
    }
    report.appendText(b.index() + "," + b.items() + "," + b.attempts() + "," + b.status() + ","
        + b.worker() + "," + b.device() + "," + b.millis() + "," + b.failures().size() + "\n");
    if (!b.failures().isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (ItemFailure f : b.failures()) {
        CSV.printRecord(sb, f.miniBatch(), f.item(), f.reason());
      }
      failures.appendText(sb.toString());
    }
    succeeded += b.succeeded();
    failed += b.failures().size();
    nextIndex = b.index() + 1;
    journal.commit(new Checkpoint(nextIndex, predictions == null ? 0 : predictions.length(),
        report.length(), failures.length(), succeeded, failed, b.listing()));
  }

  /**
   * Writes to a removed file succeed silently on POSIX systems; look once a second so a removed
   * output folder fails the job instead of losing rows.
   */
  private void checkStillThere() throws IOException {
    long now = System.nanoTime();
    if (now - lastPresenceCheck > 1_000_000_000L) {
      checkPresent();
    }
  }

  /**
   * @throws IOException when the output file is gone
   */
  void checkPresent() throws IOException {
    lastPresenceCheck = System.nanoTime();
    Path p = predictions != null ? predictions.file() : failuresPath;
    if (!Files.exists(p)) {
      throw new IOException(p + " no longer exists (was the output folder removed?)");
    }
  }

  /** @return the first failed item recorded in {@code failed_items.csv}, or null */
  ItemFailure firstRecordedFailure() throws IOException {
    try (BufferedReader r = Files.newBufferedReader(failuresPath, StandardCharsets.UTF_8)) {
      for (CSVRecord rec : failureRecords(r)) {
        return new ItemFailure(Long.parseLong(rec.get("mini_batch")), rec.get("item"),
            rec.get("reason"));
      }
    }
    return null;
  }

  /**
   * Writes {@code job_error.txt}: the job's error (if any), the first failed item, then every
   * failed item with its reason.
   */
  void writeJobError(Path file, String jobError, ItemFailure first, long failedCount)
      throws IOException {
    Files.deleteIfExists(file);
    if (jobError == null && first == null) {
      return;
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      if (jobError != null) {
        w.write("Job error: " + jobError + "\n");
      }
      if (first != null) {
        w.write("First failed item: " + field(first.item()) + " (mini-batch " + first.miniBatch()
            + "): " + field(first.reason()) + "\n");
        w.write("\nFailed items (" + failedCount + "), one per line: item<TAB>reason (in double"
            + " quotes when it holds a tab or a line break)\n");
        try (BufferedReader r = Files.newBufferedReader(failuresPath, StandardCharsets.UTF_8)) {
          for (CSVRecord rec : failureRecords(r)) {
            w.write(field(rec.get("item")) + "\t" + field(rec.get("reason")) + "\n");
          }
        }
      }
    }
  }

  /**
   * @return the text as it is, or in double quotes (doubling those inside) when it holds a tab,
   *     a line break or starts with a quote, so each line of {@code job_error.txt} stays one
   *     item and its reason for a tab-separated reader
   */
  static String field(String s) {
    boolean plain = !s.startsWith("\"");
    for (int i = 0; plain && i < s.length(); i++) {
      char c = s.charAt(i);
      plain = c != '\t' && c != '\n' && c != '\r';
    }
    return plain ? s : "\"" + s.replace("\"", "\"\"") + "\"";
  }

  private static Iterable<CSVRecord> failureRecords(BufferedReader r) throws IOException {
    return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r);
  }

  /**
   * Forces the outputs to the storage device, so the last checkpoint survives a power loss.
   *
   * @throws IOException when that fails
   */
  void sync() throws IOException {
    if (predictions != null) {
      predictions.sync();
    }
  }

  @Override
  public void close() throws IOException {
    try (report; failures; journal) {
      if (predictions != null) {
        predictions.close();
      }
    }
  }
}
