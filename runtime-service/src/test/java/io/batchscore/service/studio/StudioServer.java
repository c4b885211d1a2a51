package io.batchscore.service.studio;

import io.batchscore.service.TestWorkspace;
import io.batchscore.service.api.WorkspaceService;
import io.batchscore.service.auth.AllowedRoots;
import io.batchscore.service.auth.BearerTokens;
import io.batchscore.service.auth.LocalTokens;
import io.batchscore.service.auth.RevokedTokens;
import io.batchscore.service.auth.Role;
import io.batchscore.service.auth.SigningKey;
import io.batchscore.service.http.ApiServer;
import io.batchscore.service.http.ServerOptions;
import io.batchscore.service.http.WorkspaceApi;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workspace served as {@code batchscore serve} does (REST, studio, its own runner) on a free
 * loopback port, with tokens of each role, and an HTTP client that signs in like a browser.
 */
final class StudioServer implements AutoCloseable {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  final TestWorkspace ws;
  final WorkspaceService service;
  final ApiServer server;
  final AutoCloseable runner;
  final LocalTokens tokens;
  final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  StudioServer(Path tmp) throws Exception {
    ws = new TestWorkspace(tmp, null);
    service = WorkspaceService.open(ws.dir(), null);
    RevokedTokens revoked = new RevokedTokens(ws.dir());
    tokens = new LocalTokens(SigningKey.openOrCreate(ws.dir()), revoked, Clock.systemUTC());
    server =
        WorkspaceApi.start(
            ServerOptions.plain("127.0.0.1", 0),
            service,
            new BearerTokens(tokens, null),
            AllowedRoots.of(ws.dir(), List.of(tmp)),
            revoked);
    service.updateSettings(null, server.address(), null);
    runner = service.runJobs();
  }

  String token(Role role) {
    return tokens.issue(role, role.wireName() + "-user", Duration.ofHours(1)).token();
  }

  String url(String path) {
    return server.address() + path;
  }

  /** Signs in through the form and returns the cookie header the server set. */
  String signIn(String token) throws Exception {
    HttpResponse<String> r =
        post(
            "/studio/login",
            null,
            "token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&next=%2Fstudio%2Fendpoints");
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> getBytes(String path, String cookie) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("Cookie", cookie)
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> post(String path, String cookie, String form) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(path)))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** @return the CSRF token in a page's forms */
  static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no CSRF field in the page");
    }
    return m.group(1);
  }

  @Override
  public void close() throws Exception {
    server.close();
    runner.close();
    service.close();
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
  }
}
