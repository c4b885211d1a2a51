package io.batchscore.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.batchscore.service.auth.BearerTokens;
import io.batchscore.service.auth.LocalTokens;
import io.batchscore.service.auth.OidcTokens;
import io.batchscore.service.auth.RevokedTokens;
import io.batchscore.service.auth.Role;
import io.batchscore.service.auth.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's security rules on a real server bound to a free loopback port, with probe routes
 * of each access level (the workspace routes have their own tests).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiServerSecurityTest {

  @TempDir Path workspace;
  @TempDir Path otherWorkspace;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LocalTokens tokens;
  private ApiServer server;

  static final RouteSet PROBES =
      routes -> {
        routes.get(
            "/probe/read",
            ctx -> ctx.result("read by " + BearerAuthentication.principal(ctx).subject()),
            Access.READER);
        routes.post(
            "/probe/invoke", ctx -> ctx.json(InvokeBodies.parse(ctx.body())), Access.INVOKER);
        routes.post("/probe/admin", ctx -> ctx.result("admin"), Access.ADMIN);
        routes.get("/probe/undeclared", ctx -> ctx.result("undeclared"));
      };

  @BeforeEach
  void start() {
    tokens =
        new LocalTokens(
            SigningKey.openOrCreate(workspace), new RevokedTokens(workspace), Clock.systemUTC());
    server =
        ApiServer.start(
            new ServerOptions("127.0.0.1", 0, null, null, 4096),
            new BearerTokens(tokens, null),
            null,
            List.of(PROBES));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.address() + path)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String token, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.address() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String token(Role role) {
    return tokens.issue(role, role.wireName() + "-user", Duration.ofHours(1)).token();
  }

  private static void assertUnauthorizedWithoutDetail(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"a valid bearer token is required\"}}");
  }

  @Test
  void healthAndTheOpenApiDocumentNeedNoToken() throws Exception {
    assertThat(get("/health", null).statusCode()).isEqualTo(200);
    HttpResponse<String> openApi = get("/openapi.json", null);
    assertThat(openApi.statusCode()).isEqualTo(200);
    JsonNode doc = InvokeBodies.MAPPER.readTree(openApi.body());
    assertThat(doc.path("openapi").asText()).startsWith("3.");
    assertThat(doc.path("paths").has("/endpoints/{name}/jobs")).isTrue();
  }

  @Test
  void everyKindOfBadTokenGetsTheSame401() throws Exception {
    String expired =
        new LocalTokens(
                SigningKey.openOrCreate(workspace),
                new RevokedTokens(workspace),
                Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC))
            .issue(Role.ADMIN, "old", Duration.ofHours(1))
            .token();
    String foreign =
        new LocalTokens(
                SigningKey.openOrCreate(otherWorkspace),
                new RevokedTokens(otherWorkspace),
                Clock.systemUTC())
            .issue(Role.ADMIN, "eve", Duration.ofHours(1))
            .token();
    LocalTokens.Issued revoked = tokens.issue(Role.ADMIN, "gone", Duration.ofHours(1));
    new RevokedTokens(workspace).revoke(revoked.id());
    String valid = token(Role.ADMIN);
    String[] tampered = valid.split("\\.");
    String escalated =
        tampered[0]
            + "."
            + tampered[1].substring(0, tampered[1].length() - 2)
            + "AA."
            + tampered[2];

    // signed with the workspace's own key, valid in every other way, but for another service
    com.nimbusds.jwt.SignedJWT otherAudience =
        new com.nimbusds.jwt.SignedJWT(
            new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256),
            new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .issuer(LocalTokens.ISSUER)
                .audience("another-service")
                .subject("mallory")
                .jwtID("id-aud")
                .issueTime(new java.util.Date())
                .expirationTime(java.util.Date.from(Instant.now().plusSeconds(600)))
                .claim(LocalTokens.ROLE_CLAIM, "admin")
                .build());
    otherAudience.sign(
        new com.nimbusds.jose.crypto.MACSigner(
            java.nio.file.Files.readAllBytes(SigningKey.file(workspace))));

    assertUnauthorizedWithoutDetail(get("/probe/read", null));
    for (String bad :
        new String[] {
          "garbage",
          "a.b.c",
          expired,
          foreign,
          revoked.token(),
          escalated,
          otherAudience.serialize()
        }) {
      assertUnauthorizedWithoutDetail(get("/probe/read", bad));
      assertUnauthorizedWithoutDetail(post("/probe/invoke", bad, "{}"));
    }
    HttpResponse<String> basic =
        http.send(
            HttpRequest.newBuilder(URI.create(server.address() + "/probe/read"))
                .header("Authorization", "Basic " + valid)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertUnauthorizedWithoutDetail(basic);
    assertThat(get("/probe/read", valid).body()).isEqualTo("read by admin-user");
  }

  @Test
  void aTooLowRoleGets403NamingTheRoleNeeded() throws Exception {
    String reader = token(Role.READER);
    String invoker = token(Role.INVOKER);
    HttpResponse<String> denied = post("/probe/invoke", reader, "{}");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("invoker").contains("Forbidden");
    assertThat(post("/probe/admin", invoker, "").statusCode()).isEqualTo(403);
    assertThat(post("/probe/admin", token(Role.ADMIN), "").statusCode()).isEqualTo(200);
    assertThat(get("/probe/read", reader).statusCode()).isEqualTo(200);
    assertThat(
            post("/probe/invoke", invoker, InvokeBodiesTest.seedBody("d", "1", "p")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aRouteThatDeclaresNoAccessIsForAdminsOnly() throws Exception {
    assertThat(get("/probe/undeclared", token(Role.INVOKER)).statusCode()).isEqualTo(403);
    assertThat(get("/probe/undeclared", token(Role.ADMIN)).statusCode()).isEqualTo(200);
  }

  @Test
  void metricsNeedAReaderAndCountRequestsByRouteAndStatus() throws Exception {
    assertUnauthorizedWithoutDetail(get("/metrics", null));
    String reader = token(Role.READER);
    get("/probe/read", reader);
    post("/probe/invoke", reader, "{}");
    String metrics = get("/metrics", reader).body();
    assertThat(metrics)
        .containsPattern(
            "batchscore_http_requests_seconds_count\\{method=\"GET\",route=\"/probe/read\","
                + "status=\"200\"} 1");
    assertThat(metrics)
        .containsPattern(
            "batchscore_http_requests_seconds_count\\{method=\"POST\",route=\"/probe/invoke\","
                + "status=\"403\"} 1");
    // latency: the time spent, and the slowest request, per route and status
    assertThat(metrics)
        .containsPattern(
            "batchscore_http_requests_seconds_sum\\{method=\"GET\",route=\"/probe/read\","
                + "status=\"200\"} (0\\.0*[1-9]|[1-9])")
        .containsPattern(
            "batchscore_http_requests_seconds_max\\{method=\"GET\",route=\"/probe/read\","
                + "status=\"200\"} (0\\.0*[1-9]|[1-9])");
  }

  @Test
  void aBodyOverTheLimitGets413AndMalformedJson400NamingTheBody() throws Exception {
    String invoker = token(Role.INVOKER);
    HttpResponse<String> large =
        post("/probe/invoke", invoker, "{\"pad\": \"" + "x".repeat(5000) + "\"}");
    assertThat(large.statusCode()).isEqualTo(413);
    HttpResponse<String> malformed = post("/probe/invoke", invoker, "{\"properties\": ");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(
            InvokeBodies.MAPPER.readTree(malformed.body()).path("error").path("message").asText())
        .startsWith("body: not valid JSON");
  }

  @Test
  void unknownRoutesGetAJson404() throws Exception {
    HttpResponse<String> response = get("/nothing/here", token(Role.READER));
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(InvokeBodies.MAPPER.readTree(response.body()).path("error").path("code").asText())
        .isEqualTo("NotFound");
  }

  @Test
  void tokensNeverAppearInTheServersLog() throws Exception {
    String valid = token(Role.READER);
    String expired =
        new LocalTokens(
                SigningKey.openOrCreate(workspace),
                new RevokedTokens(workspace),
                Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC))
            .issue(Role.ADMIN, "old", Duration.ofHours(1))
            .token();
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      get("/probe/read", valid);
      get("/probe/read", expired);
      post("/probe/invoke", valid, "{}");
      get("/probe/read?token=" + valid.substring(0, 10), valid);
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("GET /probe/read 200").contains("GET /probe/read 401");
    for (String secret :
        new String[] {valid, expired, valid.split("\\.")[2], expired.split("\\.")[2]}) {
      assertThat(log).doesNotContain(secret);
    }
  }

  @Test
  void anIdentityProvidersTokenGetsTheRoleOfItsClaim() throws Exception {
    RSAKey provider = new RSAKeyGenerator(2048).keyID("idp-1").generate();
    Path jwks =
        java.nio.file.Files.writeString(
            workspace.resolve("jwks.json"), new JWKSet(provider.toPublicJWK()).toString());
    OidcTokens oidc =
        new OidcTokens(
            "https://idp.example.test",
            "batchscore",
            OidcTokens.keys(jwks.toString()),
            "groups",
            Clock.systemUTC());
    server.close();
    server =
        ApiServer.start(
            ServerOptions.plain("127.0.0.1", 0),
            new BearerTokens(tokens, oidc),
            null,
            List.of(PROBES));
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("idp-1").build(),
            new JWTClaimsSet.Builder()
                .issuer("https://idp.example.test")
                .audience("batchscore")
                .subject("bob@example.test")
                .claim("groups", List.of("reader"))
                .expirationTime(java.util.Date.from(Instant.now().plusSeconds(600)))
                .build());
    jwt.sign(new RSASSASigner(provider));
    String token = jwt.serialize();
    assertThat(get("/probe/read", token).body()).isEqualTo("read by bob@example.test");
    assertThat(post("/probe/invoke", token, "{}").statusCode()).isEqualTo(403);
    assertThat(get("/probe/read", token(Role.READER)).statusCode()).isEqualTo(200);
  }

  @Test
  void errorBodiesAreJsonWithCodeAndMessage() throws Exception {
    HttpResponse<String> response = post("/probe/invoke", token(Role.INVOKER), "{}");
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = InvokeBodies.MAPPER.readTree(response.body()).path("error");
    assertThat(
            Map.of("code", error.path("code").asText(), "message", error.path("message").asText()))
        .containsEntry("code", "BadRequest")
        .hasEntrySatisfying("message", m -> assertThat(m).startsWith("properties: missing"));
  }
}
