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
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Commits completed mini-batches, in index order and in groups: their rows to the predictions
 * file, a line to {@code processed_mini-batches.csv}, their failed items to
 * {@code logs/sys/job_report/failed_items.csv} (copied into {@code job_error.txt} at the end),
 * and then a checkpoint to the {@link CommitJournal}: the commit point a resume goes back to.
 */
final class JobOutputs implements Committer, AutoCloseable {

  static final String REPORT_HEADER = "index,items,attempts,status,worker,device,ms,failed_items";
  static final String FAILURES_HEADER = "mini_batch,item,reason";
  private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

  private final LineFile predictions; // null for summary_only
  private final LineFile report;
  private final LineFile failures;
  private final CommitJournal journal;
  private final Path failuresPath;
  private final Path journalPath;
  private final Force force;
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
    this(layout, predictionsFile, from, journalBytes, (file, sync) -> sync.run());
  }

  JobOutputs(
      JobLayout layout, Path predictionsFile, Checkpoint from, long journalBytes, Force force)
      throws IOException {
    this.force = force;
    this.journalPath = layout.commitJournal();
    this.failuresPath = layout.failedItems();
    this.predictions =
        predictionsFile == null ? null : new LineFile(predictionsFile, from.predictionsBytes());
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

  /**
   * Writes a group of completed mini-batches: their rows in one write to the predictions file,
   * their report lines in one, their failed items in one, and then one journal line, the
   * checkpoint after the group's last mini-batch. A crash before that line leaves the group
   * uncommitted: a resume cuts the files back to the previous checkpoint.
   */
  @Override
  public void commit(List<CompletedBatch> group) throws IOException {
    checkStillThere();
    if (predictions != null) {
      predictions.append(group.size() == 1 ? group.get(0).rows() : rowsOf(group));
    }
    StringBuilder lines = new StringBuilder(64 * group.size());
    StringBuilder failed = null;
    for (CompletedBatch b : group) {
      lines
          .append(b.index())
          .append(',')
          .append(b.items())
          .append(',')
          .append(b.attempts())
          .append(',')
          .append(b.status())
          .append(',')
          .append(b.worker())
          .append(',')
          .append(b.device())
          .append(',')
          .append(b.millis())
          .append(',')
          .append(b.failures().size())
          .append('\n');
      for (ItemFailure f : b.failures()) {
        if (failed == null) {
          failed = new StringBuilder();
        }
        CSV.printRecord(failed, f.miniBatch(), f.item(), f.reason());
      }
      succeeded += b.succeeded();
      this.failed += b.failures().size();
    }
    report.appendText(lines.toString());
    if (failed != null) {
      failures.appendText(failed.toString());
    }
    CompletedBatch last = group.get(group.size() - 1);
    nextIndex = last.index() + 1;
    journal.commit(
        new Checkpoint(
            nextIndex,
            predictions == null ? 0 : predictions.length(),
            report.length(),
            failures.length(),
            succeeded,
            this.failed,
            last.listing()));
  }

  private static List<String> rowsOf(List<CompletedBatch> group) {
    int n = 0;
    for (CompletedBatch b : group) {
      n += b.rows().size();
    }
    List<String> rows = new ArrayList<>(n);
    for (CompletedBatch b : group) {
      rows.addAll(b.rows());
    }
    return rows;
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
        return new ItemFailure(
            Long.parseLong(rec.get("mini_batch")), rec.get("item"), rec.get("reason"));
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
        w.write(
            "First failed item: "
                + field(first.item())
                + " (mini-batch "
                + first.miniBatch()
                + "): "
                + field(first.reason())
                + "\n");
        w.write(
            "\nFailed items ("
                + failedCount
                + "), one per line: item<TAB>reason (in double"
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
   * Forces the outputs to the storage device, so the last checkpoint survives a power loss: the
   * predictions and report files first, the commit journal last. Forced the other way round, a
   * power loss between the two could keep a checkpoint whose rows were lost; this way the
   * journal's durable lines never describe more than the files hold, and a checkpoint written
   * after the last sync that outran its files is passed over by {@link CommitJournal#readLast}.
   *
   * @throws IOException when that fails
   */
  void sync() throws IOException {
    if (predictions != null) {
      force.force(predictions.file(), predictions::sync);
    }
    force.force(report.file(), report::sync);
    force.force(failures.file(), failures::sync);
    force.force(journalPath, journal::sync);
  }

  /** Forces one file to the storage device; tests record the order with it. */
  @FunctionalInterface
  interface Force {
    /**
     * @param file the file
     * @param sync what forces it
     * @throws IOException when that fails
     */
    void force(Path file, Sync sync) throws IOException;
  }

  /** An action that forces a file. */
  @FunctionalInterface
  interface Sync {
    void run() throws IOException;
  }

  @Override
  public void close() throws IOException {
    try (report;
        failures;
        journal) {
      if (predictions != null) {
        predictions.close();
      }
    }
  }
}
