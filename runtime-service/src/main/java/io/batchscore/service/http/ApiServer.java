package io.batchscore.service.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchscore.service.api.WorkspaceException;
import io.batchscore.service.auth.PathForbiddenException;
import io.batchscore.service.auth.TokenVerifier;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin on Jetty, with bearer authentication before every matched route, JSON
 * errors, a request size limit, {@code /health} and {@code /openapi.json} (public), Prometheus
 * {@code /metrics} (reader) and the given {@link RouteSet}s. Request logs name the method, the
 * route, the status and the time; never a header, so never a token.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final Javalin app;
  private final ServerOptions options;
  private final List<String> routes;

  private ApiServer(Javalin app, ServerOptions options, List<String> routes) {
    this.routes = routes;
    this.app = app;
    this.options = options;
  }

  /**
   * Starts a server.
   *
   * @param options where and how to listen
   * @param tokens the verifier of bearer tokens
   * @param jobsByState the workspace's jobs by state for {@code /metrics}, or {@code null}
   * @param routeSets the API's routes
   * @return the running server
   */
  public static ApiServer start(
      ServerOptions options,
      TokenVerifier tokens,
      Supplier<Map<String, Long>> jobsByState,
      List<RouteSet> routeSets) {
    HttpMetrics metrics = new HttpMetrics();
    if (jobsByState != null) {
      metrics.bindJobs(jobsByState);
    }
    byte[] openApi = openApiDocument();
    BearerAuthentication authentication = new BearerAuthentication(tokens);
    List<String> routes = new CopyOnWriteArrayList<>();
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.events.handlerAdded(
                  h -> {
                    if (h.getHttpMethod().isHttpMethod()) {
                      routes.add(
                          h.getHttpMethod().name()
                              + " "
                              + h.getPath()
                              + " "
                              + access(h.getRoles()));
                    }
                  });
              config.http.maxRequestSize = options.maxRequestBytes();
              config.jsonMapper(new JavalinJackson(InvokeBodies.MAPPER, false));
              if (options.tls()) {
                config.jetty.addConnector(
                    TlsConnector.connector(
                        TlsConnector.keyStore(options.tlsCertificate(), options.tlsKey()),
                        options.host(),
                        options.port()));
              }
              config.requestLogger.http(
                  (ctx, millis) -> {
                    metrics.record(ctx, millis);
                    LOG.info("{} {} {} {} ms", ctx.method(), ctx.path(), ctx.statusCode(), millis);
                  });
              config.routes.beforeMatched(authentication);
              config.routes.get(
                  "/health", ctx -> ctx.json(Map.of("status", "Healthy")), Access.PUBLIC);
              config.routes.get(
                  "/openapi.json",
                  ctx -> ctx.contentType("application/json").result(openApi),
                  Access.PUBLIC);
              config.routes.get(
                  "/metrics",
                  ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()),
                  Access.READER);
              for (RouteSet routeSet : routeSets) {
                routeSet.declare(config.routes);
              }
              config.routes.exception(
                  ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
              config.routes.exception(
                  WorkspaceException.class,
                  (e, ctx) -> {
                    int status =
                        switch (e.kind()) {
                          case NOT_FOUND -> 404;
                          case CONFLICT -> 409;
                          default -> 400;
                        };
                    error(ctx, status, codeOf(status), e.getMessage());
                  });
              config.routes.exception(
                  PathForbiddenException.class,
                  (e, ctx) -> error(ctx, 403, "Forbidden", e.getMessage()));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                    error(
                        ctx,
                        500,
                        "InternalError",
                        "internal error; the server's log has the details");
                  });
              config.routes.exception(
                  HttpResponseException.class,
                  (e, ctx) -> error(ctx, e.getStatus(), codeOf(e.getStatus()), e.getMessage()));
              config.routes.error(
                  404,
                  ctx -> {
                    if (ctx.result() == null) {
                      error(
                          ctx,
                          404,
                          "NotFound",
                          "no such route: " + ctx.method() + " " + ctx.path());
                    }
                  });
            });
    if (options.tls()) {
      app.start();
    } else {
      app.start(options.host(), options.port());
    }
    return new ApiServer(app, options, List.copyOf(routes));
  }

  /**
   * @return the routes it serves, as {@code METHOD /path/{param} ACCESS} (the least role that may
   *     call it, or {@code public}), in declaration order
   */
  public List<String> routes() {
    return routes;
  }

  /** @return the port the server listens on */
  public int port() {
    return app.port();
  }

  /** @return the address the server is bound to, {@code http(s)://HOST:PORT} */
  public String address() {
    return address(options, options.host(), port());
  }

  /** @return the address scoring URIs start with ({@link #publicAddress(ServerOptions, int)}) */
  public String publicAddress() {
    return publicAddress(options, port());
  }

  /**
   * The address scoring URIs start with: {@code --public-url} when given; else the bound address,
   * with the machine's host name in place of a wildcard ({@code 0.0.0.0}, {@code ::}) that no
   * client can reach.
   *
   * @param options how the server listens
   * @param port the port it listens on
   * @return {@code http(s)://HOST:PORT}, or the public URL
   */
  static String publicAddress(ServerOptions options, int port) {
    if (options.publicUrl() != null) {
      return options.publicUrl();
    }
    if (!isWildcard(options.host())) {
      return address(options, options.host(), port);
    }
    try {
      InetAddress local = InetAddress.getLocalHost();
      String named = address(options, local.getHostName(), port);
      // a host name that is no URL host (an underscore, say) gives way to its address
      return URI.create(named).getHost() != null
          ? named
          : address(options, local.getHostAddress(), port);
    } catch (UnknownHostException | IllegalArgumentException e) {
      return address(options, "localhost", port);
    }
  }

  /** @return whether a host binds every interface ({@code 0.0.0.0}, {@code ::}) */
  static boolean isWildcard(String host) {
    try {
      return InetAddress.getByName(host).isAnyLocalAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String address(ServerOptions options, String host, int port) {
    String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return (options.tls() ? "https://" : "http://") + literal + ":" + port;
  }

  /** Stops accepting requests and stops the server. */
  @Override
  public void close() {
    app.stop();
  }

  /** @return the access a route declared: the route's {@link Access}, admin when none */
  private static String access(java.util.Set<? extends io.javalin.security.RouteRole> roles) {
    for (io.javalin.security.RouteRole role : roles) {
      if (role instanceof Access access) {
        return access.role() == null ? "public" : access.role().wireName();
      }
    }
    return Access.ADMIN.role().wireName();
  }

  static void error(Context ctx, int status, String code, String message) {
    ObjectNode body = InvokeBodies.MAPPER.createObjectNode();
    body.putObject("error").put("code", code).put("message", message);
    ctx.status(status).json(body);
  }

  private static String codeOf(int status) {
    return switch (status) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 409 -> "Conflict";
      case 413 -> "ContentTooLarge";
      default -> "Error";
    };
  }

  private static byte[] openApiDocument() {
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
