/**
 * The job's HTML report, {@code logs/report.html}: one self-contained page with the result and
 * counts, the settings, charts of throughput over time and of run latency, the workers'
 * utilisation and the failed items. The page is the jte template {@code report.jte} (with
 * {@code cards}, {@code chart}, {@code failures} and {@code style}, in {@code src/main/jte}),
 * compiled to classes at build time; it escapes every value. {@code Svg} lays the charts out as
 * {@link io.batchscore.core.report.Chart} shapes; the throughput comes from a bounded
 * {@link io.batchscore.core.report.ThroughputSeries} sampled while the job runs. The stylesheet
 * ({@link io.batchscore.core.report.ReportPage#css()}) is also the studio's.
 */
package io.batchscore.core.report;
