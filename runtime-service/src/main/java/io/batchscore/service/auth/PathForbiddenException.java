package io.batchscore.service.auth;

/**
 * A local path given over the REST API breaks one of the {@link AllowedRoots} rules; the message
 * names the field, the path and the rule, and is sent to the client (with status 403).
 */
public final class PathForbiddenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message the field, the path and the rule it breaks */
  public PathForbiddenException(String message) {
    super(message);
  }
}
