/**
 * The job's HTML report, {@code logs/report.html}: one self-contained page with the result and
 * counts, the settings, charts of throughput over time and of run latency, the workers'
 * utilisation and the failed items. Charts are inline SVG drawn by {@code Svg}; the throughput
 * comes from a bounded {@link io.batchscore.core.report.ThroughputSeries} sampled while the job
 * runs.
 */
package io.batchscore.core.report;
