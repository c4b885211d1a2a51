package io.batchscore.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LocalTokensTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  @TempDir Path workspace;
  @TempDir Path otherWorkspace;

  private LocalTokens tokensAt(Instant instant) {
    return new LocalTokens(
        SigningKey.openOrCreate(workspace),
        new RevokedTokens(workspace),
        Clock.fixed(instant, ZoneOffset.UTC));
  }

  @Test
  void aTokenCarriesItsRoleSubjectAndId() throws Exception {
    LocalTokens.Issued issued = tokensAt(NOW).issue(Role.INVOKER, "ann", Duration.ofHours(8));
    Principal principal = tokensAt(NOW.plus(Duration.ofHours(7))).verify(issued.token());
    assertThat(principal).isEqualTo(new Principal("ann", Role.INVOKER, issued.id()));
    assertThat(issued.expires()).isEqualTo(NOW.plus(Duration.ofHours(8)));
    assertThat(issued.toString()).doesNotContain(issued.token());
  }

  @Test
  void expiryAllowsTheDocumentedSkewAndNoMore() throws Exception {
    String token = tokensAt(NOW).issue(Role.READER, "ann", Duration.ofMinutes(10)).token();
    Instant expiry = NOW.plus(Duration.ofMinutes(10));
    assertThat(tokensAt(expiry.plusSeconds(3)).verify(token).subject()).isEqualTo("ann");
    // Nimbus's default skew (60 s) would accept this one
    assertThatThrownBy(() -> tokensAt(expiry.plusSeconds(10)).verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("Expired");
    assertThat(LocalTokens.CLOCK_SKEW).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aTokenSignedWithAnotherWorkspacesKeyIsRefused() {
    String foreign =
        new LocalTokens(
                SigningKey.openOrCreate(otherWorkspace),
                new RevokedTokens(otherWorkspace),
                Clock.systemUTC())
            .issue(Role.ADMIN, "eve", Duration.ofHours(1))
            .token();
    assertThatThrownBy(() -> tokensAt(Instant.now()).verify(foreign))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() throws Exception {
    String token = signed(base().audience("another-service"));
    assertThatThrownBy(() -> tokensAt(NOW).verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("aud");
    assertThat(tokensAt(NOW).verify(signed(base().audience(LocalTokens.AUDIENCE))).role())
        .isEqualTo(Role.ADMIN);
  }

  @Test
  void aTokenWithoutARoleOrIdIsRefused() throws Exception {
    String noRole =
        signed(base().audience(LocalTokens.AUDIENCE).claim(LocalTokens.ROLE_CLAIM, null));
    assertThatThrownBy(() -> tokensAt(NOW).verify(noRole))
        .isInstanceOf(InvalidTokenException.class);
    String badRole =
        signed(base().audience(LocalTokens.AUDIENCE).claim(LocalTokens.ROLE_CLAIM, "root"));
    assertThatThrownBy(() -> tokensAt(NOW).verify(badRole))
        .isInstanceOf(InvalidTokenException.class);
    String noId = signed(base().audience(LocalTokens.AUDIENCE).jwtID(null));
    assertThatThrownBy(() -> tokensAt(NOW).verify(noId)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void anUnsignedOrMalformedTokenIsRefused() {
    String unsigned = new PlainJWT(base().audience(LocalTokens.AUDIENCE).build()).serialize();
    assertThatThrownBy(() -> tokensAt(NOW).verify(unsigned))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> tokensAt(NOW).verify("not.a.token"))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void aRevokedTokenIsRefusedAlsoByAVerifierThatStartedBeforeTheRevocation() throws Exception {
    LocalTokens server = tokensAt(NOW);
    LocalTokens.Issued kept = server.issue(Role.READER, "ann", Duration.ofHours(1));
    LocalTokens.Issued revoked = server.issue(Role.READER, "bob", Duration.ofHours(1));
    assertThat(server.verify(revoked.token()).subject()).isEqualTo("bob");
    new RevokedTokens(workspace).revoke(revoked.id());
    assertThatThrownBy(() -> server.verify(revoked.token()))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("revoked");
    assertThat(server.verify(kept.token()).subject()).isEqualTo("ann");
    assertThat(Files.readString(workspace.resolve("auth/revoked-tokens")))
        .doesNotContain(revoked.token());
  }

  /** A token signed with the workspace's key. */
  private String signed(JWTClaimsSet.Builder claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    jwt.sign(new MACSigner(SigningKey.openOrCreate(workspace).bytes()));
    return jwt.serialize();
  }

  /** Every claim the workspace's tokens carry, audience left to the test. */
  private static JWTClaimsSet.Builder base() {
    return new JWTClaimsSet.Builder()
        .issuer(LocalTokens.ISSUER)
        .subject("mallory")
        .jwtID("id-1")
        .issueTime(Date.from(NOW))
        .expirationTime(Date.from(NOW.plusSeconds(600)))
        .claim(LocalTokens.ROLE_CLAIM, "admin");
  }
}
