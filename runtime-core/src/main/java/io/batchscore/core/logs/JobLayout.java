package io.batchscore.core.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where each file of a job's output folder lives, laid out like the managed batch driver's:
 *
 * <pre>
 * DIR/&lt;output_file_name&gt;
 * DIR/logs/job_result.txt
 * DIR/logs/job_error.txt
 * DIR/logs/job_progress_overview.&lt;yyyyMMddHH&gt;.txt
 * DIR/logs/user/stdout/&lt;node&gt;/process&lt;NNN&gt;.stdout.txt
 * DIR/logs/user/error/&lt;node&gt;/process&lt;NNN&gt;.txt
 * DIR/logs/sys/job.log
 * DIR/logs/sys/job_report/processed_mini-batches.csv
 * DIR/logs/sys/job_report/failed_items.csv
 * DIR/logs/sys/commits.log
 * DIR/logs/sys/job_state.json
 * DIR/logs/metrics.json
 * DIR/logs/metrics.prom
 * DIR/logs/report.html
 * </pre>
 */
public final class JobLayout {

  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH");

  private final Path outputDir;
  private final Path logs;

  /** @param outputDir the job's output folder */
  public JobLayout(Path outputDir) {
    this.outputDir = outputDir.toAbsolutePath().normalize();
    this.logs = this.outputDir.resolve("logs");
  }

  /** Creates the folders. */
  public void create() {
    try {
      Files.createDirectories(logs.resolve("user/stdout"));
      Files.createDirectories(logs.resolve("user/error"));
      Files.createDirectories(logs.resolve("sys/job_report"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output folder " + outputDir + ": " + e, e);
    }
  }

  /** @return the output folder */
  public Path outputDir() {
    return outputDir;
  }

  /** @return the logs folder */
  public Path logsDir() {
    return logs;
  }

  /**
   * @param fileName {@code output_file_name}
   * @return the predictions file
   */
  public Path predictions(String fileName) {
    return outputDir.resolve(fileName);
  }

  /** @return {@code logs/job_result.txt} */
  public Path jobResult() {
    return logs.resolve("job_result.txt");
  }

  /** @return {@code logs/job_error.txt} */
  public Path jobError() {
    return logs.resolve("job_error.txt");
  }

  /**
   * @param start when the job started
   * @return {@code logs/job_progress_overview.<yyyyMMddHH>.txt} for that hour
   */
  public Path progressOverview(LocalDateTime start) {
    return logs.resolve("job_progress_overview." + HOUR.format(start) + ".txt");
  }

  /**
   * @param node the worker's instance, such as {@code node000}
   * @param process the worker's number within its instance
   * @return the worker's scorer log
   */
  public Path workerStdout(String node, int process) {
    return logs.resolve("user/stdout").resolve(node).resolve(processName(process) + ".stdout.txt");
  }

  /**
   * @param node the worker's instance
   * @param process the worker's number within its instance
   * @return the worker's error log
   */
  public Path workerError(String node, int process) {
    return logs.resolve("user/error").resolve(node).resolve(processName(process) + ".txt");
  }

  /** @return {@code logs/sys/job.log}, the runtime's own log of the job */
  public Path jobLog() {
    return logs.resolve("sys/job.log");
  }

  /** @return {@code logs/sys/job_report/processed_mini-batches.csv} */
  public Path processedMiniBatches() {
    return logs.resolve("sys/job_report/processed_mini-batches.csv");
  }

  /** @return {@code logs/sys/job_report/failed_items.csv}: every failed item, as committed */
  public Path failedItems() {
    return logs.resolve("sys/job_report/failed_items.csv");
  }

  /** @return {@code logs/report.html}, the job's self-contained HTML report */
  public Path report() {
    return logs.resolve("report.html");
  }

  /** @return {@code logs/sys/commits.log}: the commit journal a resume reads */
  public Path commitJournal() {
    return logs.resolve("sys/commits.log");
  }

  /** @return {@code logs/sys/job_state.json}: what a resume checks it is the same job */
  public Path jobState() {
    return logs.resolve("sys/job_state.json");
  }

  /** @return {@code logs/metrics.json} */
  public Path metricsJson() {
    return logs.resolve("metrics.json");
  }

  /** @return {@code logs/metrics.prom} */
  public Path metricsProm() {
    return logs.resolve("metrics.prom");
  }

  /**
   * @param process a worker's number within its instance
   * @return its name in the log layout, such as {@code process001}
   */
  public static String processName(int process) {
    return "process" + threeDigits(process);
  }

  /**
   * @param instance an instance's number
   * @return its name in the log layout, such as {@code node000}
   */
  public static String nodeName(int instance) {
    return "node" + threeDigits(instance);
  }

  /**
   * {@code String.format("%03d", n)} without a {@link java.util.Formatter}: these names are made
   * for every committed mini-batch (its worker in the report), where a Formatter cost more than
   * the rest of the commit.
   */
  private static String threeDigits(int n) {
    String s = Integer.toString(n);
    return n >= 0 && s.length() < 3 ? "000".substring(s.length()) + s : s;
  }
}
