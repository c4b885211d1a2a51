package io.batchscore.service.auth;

/** Checks a bearer token and says whose it is. */
@FunctionalInterface
public interface TokenVerifier {

  /**
   * @param token the compact JWT from an {@code Authorization: Bearer} header
   * @return the token's holder
   * @throws InvalidTokenException if the token must not be accepted, for whatever reason
   */
  Principal verify(String token) throws InvalidTokenException;
}
