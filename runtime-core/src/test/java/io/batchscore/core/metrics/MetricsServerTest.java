package io.batchscore.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> get(String url, String method) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesPrometheusTextOnLoopbackWhileOpen() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JobMetrics metrics = new JobMetrics(registry);
    metrics.committed(7, 1, "partially_failed");
    String url;
    try (MetricsServer server = MetricsServer.start(registry, 0)) {
      url = server.url();
      assertThat(url).startsWith("http://127.0.0.1:").endsWith("/metrics");
      HttpResponse<String> r = get(url, "GET");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue(MetricsServer.CONTENT_TYPE);
      assertThat(r.body()).contains("batchscore_items_total{outcome=\"succeeded\"} 7.0");

      metrics.committed(3, 0, "succeeded"); // live: the next scrape sees it
      assertThat(get(url, "GET").body())
          .contains("batchscore_items_total{outcome=\"succeeded\"} 10.0");
      assertThat(get(url, "POST").statusCode()).isEqualTo(405);
      assertThat(get(url.replace("/metrics", "/other"), "GET").statusCode()).isEqualTo(404);
    }
    assertThatThrownBy(() -> get(url, "GET")).isInstanceOf(ConnectException.class);
  }

  @Test
  void aPortInUseOrOutOfRangeFailsToStart() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (MetricsServer first = MetricsServer.start(registry, 0)) {
      assertThatThrownBy(() -> MetricsServer.start(registry, first.port()))
          .isInstanceOf(java.io.IOException.class);
    }
    assertThatThrownBy(() -> MetricsServer.start(registry, 70000)).hasMessageContaining("70000");
  }
}
