package io.batchscore.core.report;

import java.util.List;
import java.util.Map;

/**
 * What the {@code report.jte} template shows, every number already formatted and every text
 * stripped of control characters; the template escapes it all.
 *
 * @param title the deployment's name
 * @param status Completed, Failed or Canceled
 * @param statusClass the status in lower case, for its colour
 * @param reason why it failed, or empty
 * @param cards the counts at the top
 * @param started when the job started
 * @param throughput the throughput chart
 * @param throughputPoints how many samples it draws
 * @param latency the run latency histogram
 * @param outcomes the histogram's series, in legend order
 * @param percentiles the latency percentiles per outcome
 * @param utilisation the workers' busy share
 * @param deviceNotes the busy share per device
 * @param settings the settings summary
 * @param counters further counts
 * @param failures the failed items shown
 * @param failuresShown how many are shown, formatted
 * @param failuresTotal how many failed, formatted
 * @param failuresCapped whether some are not shown
 */
public record ReportView(
    String title,
    String status,
    String statusClass,
    String reason,
    List<Card> cards,
    String started,
    Chart throughput,
    int throughputPoints,
    Chart latency,
    List<String> outcomes,
    List<Percentiles> percentiles,
    Chart utilisation,
    List<String> deviceNotes,
    Map<String, String> settings,
    Map<String, String> counters,
    List<ReportData.FailedItem> failures,
    String failuresShown,
    String failuresTotal,
    boolean failuresCapped) {

  /**
   * One count at the top of the page.
   *
   * @param label its name
   * @param value the formatted count
   */
  public record Card(String label, String value) {}

  /**
   * One row of the latency table.
   *
   * @param outcome success, error or timeout
   * @param runs how many runs
   * @param mean mean duration
   * @param p50 median
   * @param p90 90th percentile
   * @param p99 99th percentile
   * @param max longest
   */
  public record Percentiles(
      String outcome, String runs, String mean, String p50, String p90, String p99, String max) {}
}
