package io.batchscore.service.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server's own Prometheus meters, at {@code /metrics}: {@code batchscore.http.requests} (a
 * timer by method, route template and status: counts and latency), and, once bound to a workspace,
 * {@code batchscore.jobs} by state and {@code batchscore.queue.depth}.
 */
final class HttpMetrics {

  private static final String[] STATES = {"Queued", "Running", "Completed", "Failed", "Canceled"};

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** Records one answered request; called by Javalin's request logger. */
  void record(Context ctx, Float millis) {
    String route = routeOf(ctx);
    Timer.builder("batchscore.http.requests")
        .tag("method", ctx.method().name())
        .tag("route", route)
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(registry)
        .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
  }

  /** @return the matched route's template ({@code /jobs/{name}}), or {@code unmatched} */
  private static String routeOf(Context ctx) {
    var matched = ctx.endpoints().matchedHttpEndpoint();
    return matched != null ? matched.path : "unmatched";
  }

  /**
   * Publishes the workspace's jobs by state; the supplier is asked at each scrape.
   *
   * @param jobsByState the number of jobs in each state
   */
  void bindJobs(Supplier<Map<String, Long>> jobsByState) {
    for (String state : STATES) {
      Gauge.builder("batchscore.jobs", jobsByState, counts -> counts.get().getOrDefault(state, 0L))
          .tag("state", state)
          .description("jobs of the workspace by state")
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder(
            "batchscore.queue.depth",
            jobsByState,
            counts -> counts.get().getOrDefault("Queued", 0L))
        .description("jobs waiting for a runner")
        .strongReference(true)
        .register(registry);
  }

  /** @return the meters in Prometheus's text format */
  String scrape() {
    return registry.scrape();
  }
}
