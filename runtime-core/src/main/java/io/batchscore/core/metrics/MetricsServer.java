package io.batchscore.core.metrics;

import com.google.common.base.Preconditions;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves {@code GET /metrics} in the Prometheus text format while a job runs, on the loopback
 * address only (127.0.0.1): a local Prometheus or {@code curl} can scrape it, nothing off the
 * machine can. One daemon thread answers requests; {@link #close} stops it at once.
 */
public final class MetricsServer implements AutoCloseable {

  /** The Prometheus text exposition format's content type. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving.
   *
   * @param registry the job's registry
   * @param port the TCP port on 127.0.0.1; 0 picks a free one (see {@link #port})
   * @return the running server
   * @throws IOException when the port cannot be bound, such as when it is in use
   */
  public static MetricsServer start(PrometheusMeterRegistry registry, int port) throws IOException {
    Preconditions.checkArgument(
        port >= 0 && port <= 65535, "--metrics-port %s is not a TCP port", port);
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 0);
    server.createContext(
        "/metrics",
        exchange -> {
          try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())
                && !"HEAD".equals(exchange.getRequestMethod())) {
              exchange.getResponseHeaders().add("Allow", "GET, HEAD");
              exchange.sendResponseHeaders(405, -1);
              return;
            }
            send(exchange, registry.scrape().getBytes(StandardCharsets.UTF_8));
          }
        });
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "batchscore-metrics-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.start();
    return new MetricsServer(server, executor);
  }

  private static void send(HttpExchange exchange, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(200, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** @return the port it listens on */
  public int port() {
    return server.getAddress().getPort();
  }

  /** @return the scrape address, such as {@code http://127.0.0.1:9464/metrics} */
  public String url() {
    return "http://127.0.0.1:" + port() + "/metrics";
  }

  /** Stops serving at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
