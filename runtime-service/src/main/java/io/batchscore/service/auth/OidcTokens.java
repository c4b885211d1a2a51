package io.batchscore.service.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Tokens of a team's own identity provider (OpenID Connect): signed with a key of its JWKS
 * (RS256/384/512, PS256, ES256/384), issued by the configured issuer for the configured audience,
 * unexpired (with {@link LocalTokens#CLOCK_SKEW}), with a subject and a role claim. The role claim
 * ({@code roles} unless configured) holds a string or a list of strings; the values {@code reader},
 * {@code invoker} and {@code admin} (in any case) map to the roles, the highest one wins, other
 * values are ignored, and a token with none of them is refused.
 */
public final class OidcTokens implements TokenVerifier {

  private final String roleClaim;
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  /**
   * @param issuer the {@code iss} every token must carry
   * @param audience the {@code aud} every token must carry
   * @param keys the provider's public keys
   * @param roleClaim the claim whose values are mapped to roles
   * @param clock the time tokens are checked at
   */
  public OidcTokens(
      String issuer,
      String audience,
      JWKSource<SecurityContext> keys,
      String roleClaim,
      Clock clock) {
    this.roleClaim = roleClaim;
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            Set.of(
                JWSAlgorithm.RS256,
                JWSAlgorithm.RS384,
                JWSAlgorithm.RS512,
                JWSAlgorithm.PS256,
                JWSAlgorithm.ES256,
                JWSAlgorithm.ES384),
            keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            audience,
            new JWTClaimsSet.Builder().issuer(issuer).build(),
            Set.of("sub", "exp", roleClaim)) {
          @Override
          protected Date currentTime() {
            return Date.from(clock.instant());
          }
        };
    claims.setMaxClockSkew((int) LocalTokens.CLOCK_SKEW.toSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  /**
   * @param location a JWKS file's path, or an {@code http(s)://} address (fetched and cached by
   *     Nimbus, refreshed when an unknown key id arrives)
   * @return the keys
   * @throws IllegalArgumentException naming the location if a file cannot be read as a JWKS
   */
  public static JWKSource<SecurityContext> keys(String location) {
    try {
      if (location.startsWith("https://") || location.startsWith("http://")) {
        return JWKSourceBuilder.create(URI.create(location).toURL()).build();
      }
      return new ImmutableJWKSet<>(JWKSet.load(Path.of(location).toFile()));
    } catch (IOException | ParseException e) {
      throw new IllegalArgumentException(
          "--jwks " + location + ": not a readable JWK set (" + e.getMessage() + ")");
    }
  }

  @Override
  public Principal verify(String token) throws InvalidTokenException {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      throw new InvalidTokenException("malformed token");
    } catch (BadJOSEException | JOSEException e) {
      throw new InvalidTokenException("identity provider token refused: " + e.getMessage());
    }
    Role role = highestRole(claims.getClaim(roleClaim));
    if (role == null) {
      throw new InvalidTokenException(
          "identity provider token has no reader, invoker or admin" + " in claim " + roleClaim);
    }
    String id = claims.getJWTID() != null ? claims.getJWTID() : "oidc";
    return new Principal(claims.getSubject(), role, id);
  }

  private static Role highestRole(Object claim) {
    Collection<?> values =
        claim instanceof Collection<?> list ? list : List.of(String.valueOf(claim));
    Role highest = null;
    for (Object value : values) {
      for (Role role : Role.values()) {
        if (role.name().equalsIgnoreCase(String.valueOf(value))
            && (highest == null || role.includes(highest))) {
          highest = role;
        }
      }
    }
    return highest;
  }
}
