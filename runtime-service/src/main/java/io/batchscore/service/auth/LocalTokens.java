package io.batchscore.service.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/**
 * The workspace's own tokens: JWTs signed with HMAC-SHA256 under its {@link SigningKey}, with
 * issuer {@value #ISSUER}, audience {@value #AUDIENCE}, a subject, a random id ({@code jti}), an
 * expiry and a {@code role} claim.
 *
 * <p>Verification checks the signature, the algorithm (HS256 only), the audience, the presence of
 * every claim above, the expiry with a clock skew of {@link #CLOCK_SKEW} (Nimbus would allow 60 s),
 * and the revocation list.
 */
public final class LocalTokens implements TokenVerifier {

  /** The issuer of the workspace's tokens. */
  public static final String ISSUER = "batchscore";

  /** The audience the server accepts in the workspace's tokens. */
  public static final String AUDIENCE = "batchscore";

  /** The claim holding the role. */
  public static final String ROLE_CLAIM = "role";

  /** How far a token's expiry may lie in the past and still be accepted (clocks disagree). */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

  private final SigningKey key;
  private final RevokedTokens revoked;
  private final Clock clock;
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  /**
   * @param key the workspace's signing key
   * @param revoked the workspace's revoked tokens
   * @param clock the time tokens are issued and checked at
   */
  public LocalTokens(SigningKey key, RevokedTokens revoked, Clock clock) {
    this.key = key;
    this.revoked = revoked;
    this.clock = clock;
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(key.bytes())));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            AUDIENCE,
            new JWTClaimsSet.Builder().issuer(ISSUER).build(),
            Set.of("sub", "jti", "exp", "iat", ROLE_CLAIM)) {
          @Override
          protected Date currentTime() {
            return Date.from(clock.instant());
          }
        };
    claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  /**
   * A token that was made.
   *
   * @param id its {@code jti}, to revoke it
   * @param token the compact JWT, for an {@code Authorization: Bearer} header
   * @param role its role
   * @param subject whom it was made for
   * @param expires when it stops being accepted
   */
  public record Issued(String id, String token, Role role, String subject, Instant expires) {
    @Override
    public String toString() {
      return "Issued[id="
          + id
          + ", role="
          + role
          + ", subject="
          + subject
          + ", expires="
          + expires
          + "]";
    }
  }

  /**
   * Makes a token.
   *
   * @param role what it may do
   * @param subject whom it is for (recorded on the jobs it invokes)
   * @param lifetime how long it is accepted
   * @return the token and its id
   */
  public Issued issue(Role role, String subject, Duration lifetime) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("token lifetime must be positive, got " + lifetime);
    }
    Instant now = clock.instant();
    Instant expires = now.plus(lifetime);
    String id = UUID.randomUUID().toString();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .subject(subject)
            .jwtID(id)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(expires))
            .claim(ROLE_CLAIM, role.wireName())
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(key.bytes()));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return new Issued(id, jwt.serialize(), role, subject, expires);
  }

  @Override
  public Principal verify(String token) throws InvalidTokenException {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      throw new InvalidTokenException("malformed token");
    } catch (BadJOSEException | JOSEException e) {
      throw new InvalidTokenException("token refused: " + e.getMessage());
    }
    if (revoked.isRevoked(claims.getJWTID())) {
      throw new InvalidTokenException("token " + claims.getJWTID() + " is revoked");
    }
    Object role = claims.getClaim(ROLE_CLAIM);
    try {
      return new Principal(
          claims.getSubject(), Role.parse(String.valueOf(role)), claims.getJWTID());
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException("token has no valid role");
    }
  }
}
