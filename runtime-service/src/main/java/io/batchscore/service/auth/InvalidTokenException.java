package io.batchscore.service.auth;

/**
 * A bearer token was missing, malformed, expired, wrongly signed, revoked, for another audience or
 * without a role. The message says which, for tests and the server's own diagnostics; it never
 * holds the token, and the HTTP layer never sends it to the client.
 */
public final class InvalidTokenException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param reason why the token was refused, without the token itself */
  public InvalidTokenException(String reason) {
    super(reason);
  }
}
