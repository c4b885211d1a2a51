package io.batchscore.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.batchscore.service.auth.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batchscore serve}'s TLS and identity-provider options, as a user passes them: a server in
 * a child JVM with {@code --tls-cert/--tls-key} and {@code --oidc-issuer/--jwks/--oidc-role-claim}
 * answers HTTPS only, takes the provider's tokens with the role its claim maps to, and still takes
 * the workspace's own tokens.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServeOptionsTest {

  private static final String ISSUER = "https://login.example.test/team";

  @Test
  void httpsAndAnIdentityProvidersTokensFromTheCommandLine(@TempDir Path tmp) throws Exception {
    Path cert = tmp.resolve("server.crt");
    Path key = tmp.resolve("server.key");
    X509Certificate certificate = TlsTest.selfSigned(cert, key);
    RSAKey provider = new RSAKeyGenerator(2048).keyID("team-1").generate();
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("team-1").generate();
    Path jwks =
        Files.writeString(tmp.resolve("jwks.json"), new JWKSet(provider.toPublicJWK()).toString());

    try (ServedWorkspace served = new ServedWorkspace(tmp, 1)) {
      served.start(
          "--tls-cert",
          cert.toString(),
          "--tls-key",
          key.toString(),
          "--oidc-issuer",
          ISSUER,
          "--jwks",
          jwks.toString(),
          "--oidc-role-claim",
          "groups");
      assertThat(served.address()).startsWith("https://127.0.0.1:");
      HttpClient https = TlsTest.trusting(certificate);

      String invoker = token(provider, List.of("invoker"));
      assertThat(get(https, served, "/jobs", invoker).statusCode()).isEqualTo(200);
      assertThat(
              send(https, served, "POST", "/endpoints", invoker, "{\"name\": \"by-oidc\"}")
                  .statusCode())
          .as("an invoker may not create")
          .isEqualTo(403);
      HttpResponse<String> created =
          send(
              https,
              served,
              "POST",
              "/endpoints",
              token(provider, List.of("readers", "admin")),
              "{\"name\": \"by-oidc\", \"auth_mode\": \"aad_token\"}");
      assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);
      HttpResponse<String> foreign = get(https, served, "/jobs", token(stranger, List.of("admin")));
      assertThat(foreign.statusCode()).isEqualTo(401);
      assertThat(foreign.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(get(https, served, "/jobs", served.token(Role.READER)).statusCode())
          .as("the workspace's own tokens still work")
          .isEqualTo(200);

      TlsTest.assertNoPlainHttp(served.address().replace("https://", "http://") + "/health");
    }
  }

  private static String token(RSAKey key, List<String> groups) throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience("batchscore")
            .subject("ann@example.test")
            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
            .claim("groups", groups)
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static HttpResponse<String> get(
      HttpClient http, ServedWorkspace served, String path, String token) throws Exception {
    return send(http, served, "GET", path, token, null);
  }

  private static HttpResponse<String> send(
      HttpClient http,
      ServedWorkspace served,
      String method,
      String path,
      String token,
      String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(served.address() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
