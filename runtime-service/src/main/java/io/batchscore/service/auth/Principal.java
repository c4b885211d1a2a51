package io.batchscore.service.auth;

import java.util.Objects;

/**
 * The holder of a verified token.
 *
 * @param subject who the token was issued to (recorded on the jobs it invokes)
 * @param role what the token may do
 * @param tokenId the token's {@code jti}, the handle to revoke it
 */
public record Principal(String subject, Role role, String tokenId) {
  public Principal {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(tokenId, "tokenId");
  }
}
