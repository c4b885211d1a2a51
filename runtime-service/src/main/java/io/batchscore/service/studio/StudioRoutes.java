package io.batchscore.service.studio;

import io.batchscore.core.report.ReportPage;
import io.batchscore.service.api.WorkspaceException;
import io.batchscore.service.api.WorkspaceService;
import io.batchscore.service.auth.AllowedRoots;
import io.batchscore.service.auth.PathForbiddenException;
import io.batchscore.service.auth.Role;
import io.batchscore.service.auth.TokenVerifier;
import io.batchscore.service.http.Access;
import io.batchscore.service.http.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The studio's routes, for the server's {@link RouteSet} hook. The API's bearer layer sees them
 * as public; each goes through {@link StudioAuth} instead (cookie or bearer header, CSRF, role),
 * and the only way to declare one here is with the role it needs ({@link #page}, {@link
 * #action}).
 */
public final class StudioRoutes implements RouteSet {

  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self';"
          + " img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  private final StudioAuth auth;
  private final SessionCookie cookie;
  private final JobPages jobs;
  private final EndpointPages endpoints;
  private final String css = ReportPage.css();
  private final byte[] script = resource("studio.js");

  /** A studio handler, called once the caller passed the route's checks. */
  @FunctionalInterface
  interface Handler {
    void handle(Context ctx, StudioAuth.Caller caller) throws Exception;
  }

  /**
   * @param workspace the workspace's operations
   * @param tokens the server's token verifier (the same tokens as the API's)
   * @param roots the folders an invoke's input path must stay under
   * @param tls whether the server speaks TLS (the sign-in cookie is then Secure)
   */
  public StudioRoutes(
      WorkspaceService workspace, TokenVerifier tokens, AllowedRoots roots, boolean tls) {
    this.cookie = new SessionCookie(tls);
    this.auth = new StudioAuth(tokens, new CsrfTokens(), cookie);
    this.jobs = new JobPages(workspace);
    this.endpoints = new EndpointPages(workspace, roots);
  }

  @Override
  public void declare(RoutesConfig routes) {
    routes.get(
        "/studio", ctx -> ctx.redirect("/studio/endpoints", HttpStatus.SEE_OTHER), Access.PUBLIC);
    routes.get(
        "/studio/static/batchscore.css",
        ctx -> ctx.contentType("text/css").header("Cache-Control", "max-age=300").result(css),
        Access.PUBLIC);
    routes.get(
        "/studio/static/studio.js",
        ctx ->
            ctx.contentType("text/javascript")
                .header("Cache-Control", "max-age=300")
                .result(script),
        Access.PUBLIC);
    routes.get("/studio/login", this::signInPage, Access.PUBLIC);
    routes.post("/studio/login", this::signIn, Access.PUBLIC);
    action(
        routes,
        "/studio/logout",
        Role.READER,
        (ctx, c) -> {
          ctx.header("Set-Cookie", cookie.signOut());
          ctx.redirect("/studio/login", HttpStatus.SEE_OTHER);
        });

    page(routes, "/studio/endpoints", Role.READER, endpoints::list);
    page(routes, "/studio/endpoints/{name}", Role.READER, endpoints::show);
    action(routes, "/studio/endpoints/{name}/invoke", Role.INVOKER, endpoints::invoke);
    action(routes, "/studio/endpoints/{name}/default", Role.ADMIN, endpoints::setDefault);
    action(routes, "/studio/endpoints/{name}/delete", Role.ADMIN, endpoints::delete);
    page(routes, "/studio/models", Role.READER, endpoints::models);
    page(routes, "/studio/data", Role.READER, endpoints::data);

    page(routes, "/studio/jobs/{name}", Role.READER, jobs::job);
    page(routes, "/studio/jobs/{name}/status", Role.READER, jobs::status);
    page(routes, "/studio/jobs/{name}/logs", Role.READER, jobs::logs);
    page(routes, "/studio/jobs/{name}/view/<path>", Role.READER, jobs::view);
    page(routes, "/studio/jobs/{name}/tail/<path>", Role.READER, jobs::tail);
    page(routes, "/studio/jobs/{name}/files/<path>", Role.READER, jobs::download);
    page(routes, "/studio/jobs/{name}/outputs.zip", Role.READER, jobs::zip);
    page(routes, "/studio/jobs/{name}/report", Role.READER, jobs::report);
    action(routes, "/studio/jobs/{name}/cancel", Role.INVOKER, jobs::cancel);
    action(routes, "/studio/jobs/{name}/resume", Role.INVOKER, jobs::resume);
    action(routes, "/studio/jobs/{name}/delete", Role.ADMIN, jobs::delete);
  }

  private void page(RoutesConfig routes, String path, Role role, Handler handler) {
    routes.get(path, ctx -> run(ctx, role, false, handler), Access.PUBLIC);
  }

  private void action(RoutesConfig routes, String path, Role role, Handler handler) {
    routes.post(path, ctx -> run(ctx, role, true, handler), Access.PUBLIC);
  }

  private void run(Context ctx, Role role, boolean changesState, Handler handler) throws Exception {
    secure(ctx);
    StudioAuth.Caller caller = null;
    try {
      caller = auth.check(ctx, role, changesState);
      handler.handle(ctx, caller);
    } catch (StudioAuth.SignInRequired e) {
      ctx.redirect(
          "/studio/login?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8),
          HttpStatus.SEE_OTHER);
    } catch (StudioException e) {
      error(ctx, caller, e.status(), e.getMessage());
    } catch (PathForbiddenException e) {
      error(ctx, caller, 403, e.getMessage());
    } catch (WorkspaceException e) {
      int status =
          switch (e.kind()) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            default -> 400;
          };
      error(ctx, caller, status, e.getMessage());
    }
  }

  private void signInPage(Context ctx) {
    secure(ctx);
    Templates.page(ctx, 200, "login.jte", "error", null, "next", next(ctx.queryParam("next")));
  }

  private void signIn(Context ctx) {
    secure(ctx);
    String token = ctx.formParam("token");
    try {
      auth.signIn(token);
    } catch (StudioException e) {
      Templates.page(
          ctx,
          e.status(),
          "login.jte",
          "error",
          e.getMessage(),
          "next",
          next(ctx.formParam("next")));
      return;
    }
    ctx.header("Set-Cookie", cookie.signIn(token.strip()));
    ctx.redirect(next(ctx.formParam("next")), HttpStatus.SEE_OTHER);
  }

  /** @return where to go after signing in: a studio page, never another site */
  static String next(String requested) {
    if (requested == null
        || !requested.startsWith("/studio/")
        || requested.contains("//")
        || requested.contains("\\")
        || requested.contains("..")) {
      return "/studio/endpoints";
    }
    return requested;
  }

  private static void secure(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cache-Control", "no-store");
  }

  private static void error(Context ctx, StudioAuth.Caller caller, int status, String message) {
    Templates.page(
        ctx,
        status,
        "error.jte",
        "session",
        caller == null ? null : caller.view(),
        "status",
        status,
        "message",
        message);
  }

  private static byte[] resource(String name) {
    try (InputStream in = StudioRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
