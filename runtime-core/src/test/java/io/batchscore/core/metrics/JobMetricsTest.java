package io.batchscore.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the exports show of a job's runs, and what the report reads beside them. */
class JobMetricsTest {

  @Test
  void theReportsTimersAddNoSeriesToTheExports() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JobMetrics metrics = new JobMetrics(registry);
    metrics.run("success", "cpu", "node000/process000", 2_000_000L);
    metrics.run("error", "cpu", "node000/process001", 3_000_000L);

    Set<String> names = new TreeSet<>();
    for (Meter m : registry.getMeters()) {
      names.add(m.getId().getName());
    }
    assertThat(names)
        .containsExactly(
            "batchscore.items",
            "batchscore.minibatch.duration",
            "batchscore.retries",
            "batchscore.timeouts",
            "batchscore.worker.busy");
    assertThat(registry.scrape())
        .contains(
            "batchscore_worker_busy_seconds_total{device=\"cpu\",worker=\"node000/process001\"} 0.003")
        .doesNotContain("run_duration")
        .doesNotContain("worker_runs");
  }

  @Test
  void theReportReadsEachOutcomesRunsAndEachWorkersBusyTime() {
    JobMetrics metrics = new JobMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    for (int i = 1; i <= 10; i++) {
      metrics.run("success", "cuda:0", "node000/process000", i * 1_000_000L);
    }
    metrics.run("timeout", "cuda:0", "node000/process001", 30_000_000_000L);

    assertThat(metrics.runDurations()).containsOnlyKeys("success", "timeout");
    assertThat(metrics.runDurations().get("success").count()).isEqualTo(10);
    assertThat(metrics.runDurations().get("success").max(TimeUnit.MILLISECONDS)).isEqualTo(10);
    assertThat(metrics.runDurations().get("timeout").total(TimeUnit.SECONDS)).isEqualTo(30);
    assertThat(metrics.workers())
        .containsExactly(
            new JobMetrics.WorkerBusy("node000/process000", "cuda:0", 55_000_000L, 10),
            new JobMetrics.WorkerBusy("node000/process001", "cuda:0", 30_000_000_000L, 1));
  }
}
