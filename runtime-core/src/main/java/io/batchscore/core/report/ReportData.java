package io.batchscore.core.report;

import io.batchscore.core.metrics.JobMetrics;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code logs/report.html} shows, gathered at the end of the job.
 *
 * @param title the deployment's name
 * @param status Completed, Failed or Canceled
 * @param reason why it failed; empty when it completed
 * @param itemsSucceeded items that gave a row
 * @param itemsFailed items that failed
 * @param miniBatches mini-batches committed
 * @param started when the job started, as text
 * @param duration wall time
 * @param settings the settings summary, in display order
 * @param throughput items/s over time
 * @param latencies run durations by outcome (success, error, timeout): Micrometer timers'
 *     snapshots with percentiles 0.5, 0.9, 0.99 and cumulative histogram counts
 * @param workers each worker's busy time
 * @param counters further counts (retries, timeouts, worker inits), in display order
 * @param failures the first failed items, at most {@link JobReport#MAX_FAILURES}
 * @param failuresTotal all failed items listed in {@code failed_items.csv}
 */
public record ReportData(
    String title,
    String status,
    String reason,
    long itemsSucceeded,
    long itemsFailed,
    long miniBatches,
    String started,
    Duration duration,
    Map<String, String> settings,
    List<ThroughputSeries.Point> throughput,
    Map<String, HistogramSnapshot> latencies,
    List<JobMetrics.WorkerBusy> workers,
    Map<String, Long> counters,
    List<FailedItem> failures,
    long failuresTotal) {

  /**
   * One failed item.
   *
   * @param miniBatch the mini-batch's index (and part)
   * @param item the item, such as its file path
   * @param reason why it failed
   */
  public record FailedItem(String miniBatch, String item, String reason) {}
}
