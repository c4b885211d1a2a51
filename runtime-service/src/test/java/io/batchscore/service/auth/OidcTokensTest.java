package io.batchscore.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A team's identity provider, played by keys this test makes and a JWKS file it writes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OidcTokensTest {

  private static final String ISSUER = "https://login.example.test/team";
  private static RSAKey providerKey;
  private static RSAKey strangerKey;

  @TempDir Path dir;

  @BeforeAll
  static void makeKeys() throws Exception {
    providerKey = new RSAKeyGenerator(2048).keyID("provider-1").generate();
    strangerKey = new RSAKeyGenerator(2048).keyID("provider-1").generate();
  }

  private OidcTokens verifier(String roleClaim) throws Exception {
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, new JWKSet(providerKey.toPublicJWK()).toString());
    return new OidcTokens(
        ISSUER, "batchscore", OidcTokens.keys(jwks.toString()), roleClaim, Clock.systemUTC());
  }

  private static String token(
      RSAKey key, String issuer, String claim, Object roles, Instant expires) throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience("batchscore")
            .subject("ann@example.test")
            .expirationTime(Date.from(expires))
            .claim(claim, roles)
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static Instant inAnHour() {
    return Instant.now().plus(Duration.ofHours(1));
  }

  @Test
  void theRoleClaimsHighestKnownValueIsTheRole() throws Exception {
    OidcTokens oidc = verifier("roles");
    Principal principal =
        oidc.verify(
            token(providerKey, ISSUER, "roles", List.of("staff", "Reader", "invoker"), inAnHour()));
    assertThat(principal.subject()).isEqualTo("ann@example.test");
    assertThat(principal.role()).isEqualTo(Role.INVOKER);
    assertThat(oidc.verify(token(providerKey, ISSUER, "roles", "admin", inAnHour())).role())
        .isEqualTo(Role.ADMIN);
  }

  @Test
  void theRoleClaimsNameIsConfigurable() throws Exception {
    OidcTokens oidc = verifier("batchscore_role");
    assertThat(
            oidc.verify(token(providerKey, ISSUER, "batchscore_role", "reader", inAnHour())).role())
        .isEqualTo(Role.READER);
    assertThatThrownBy(() -> oidc.verify(token(providerKey, ISSUER, "roles", "admin", inAnHour())))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void aTokenWithNoKnownRoleIsRefused() throws Exception {
    assertThatThrownBy(
            () ->
                verifier("roles")
                    .verify(token(providerKey, ISSUER, "roles", List.of("staff"), inAnHour())))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("no reader, invoker or admin");
  }

  @Test
  void aTokenFromAnotherIssuerOrKeyOrExpiredIsRefused() throws Exception {
    OidcTokens oidc = verifier("roles");
    assertThatThrownBy(
            () ->
                oidc.verify(token(providerKey, "https://evil.test", "roles", "admin", inAnHour())))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> oidc.verify(token(strangerKey, ISSUER, "roles", "admin", inAnHour())))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(
            () ->
                oidc.verify(
                    token(providerKey, ISSUER, "roles", "admin", Instant.now().minusSeconds(30))))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void theServersVerifierSendsAsymmetricTokensToTheProviderOnlyWhenOneIsConfigured()
      throws Exception {
    String token = token(providerKey, ISSUER, "roles", "invoker", inAnHour());
    TokenVerifier local =
        t -> {
          throw new InvalidTokenException("local");
        };
    assertThat(new BearerTokens(local, verifier("roles")).verify(token).role())
        .isEqualTo(Role.INVOKER);
    assertThatThrownBy(() -> new BearerTokens(local, null).verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("no identity provider");
  }

  @Test
  void anUnreadableJwksFileIsNamed() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.json"), "{");
    assertThatThrownBy(() -> OidcTokens.keys(bad.toString())).hasMessageContaining("--jwks " + bad);
  }
}
