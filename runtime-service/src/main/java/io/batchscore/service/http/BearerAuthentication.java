package io.batchscore.service.http;

import io.batchscore.service.auth.InvalidTokenException;
import io.batchscore.service.auth.Principal;
import io.batchscore.service.auth.Role;
import io.batchscore.service.auth.TokenVerifier;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.util.Set;

/**
 * Runs before every matched route: a public route passes; any other needs an {@code
 * Authorization: Bearer TOKEN} header with a token the verifier accepts (else 401 with {@code
 * WWW-Authenticate: Bearer} and nothing about why) of a role at least the route's {@link Access}
 * (else 403 naming the role needed). The holder is kept on the request for the routes ({@link
 * #principal}).
 */
final class BearerAuthentication implements Handler {

  private static final String PRINCIPAL = "batchscore.principal";
  private static final String CHALLENGE = "Bearer realm=\"batchscore\"";

  private final TokenVerifier verifier;

  BearerAuthentication(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public void handle(Context ctx) {
    Role required = required(ctx.routeRoles());
    if (required == null) {
      return;
    }
    Principal principal = authenticate(ctx.header("Authorization"), ctx);
    if (!principal.role().includes(required)) {
      throw ApiException.forbidden(
          "this operation needs a token of role "
              + required.wireName()
              + " or higher; the token's role is "
              + principal.role().wireName());
    }
    ctx.attribute(PRINCIPAL, principal);
  }

  /**
   * @param ctx a request that passed authentication
   * @return the token's holder
   */
  static Principal principal(Context ctx) {
    Principal principal = ctx.attribute(PRINCIPAL);
    if (principal == null) {
      throw new IllegalStateException("route " + ctx.path() + " is public but needs a principal");
    }
    return principal;
  }

  private Principal authenticate(String header, Context ctx) {
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      try {
        return verifier.verify(header.substring(7).trim());
      } catch (InvalidTokenException refused) {
        // why is not told: it would help an attacker
      }
    }
    ctx.header("WWW-Authenticate", CHALLENGE);
    throw new ApiException(401, "Unauthorized", "a valid bearer token is required");
  }

  private static Role required(Set<RouteRole> roles) {
    if (roles.contains(Access.PUBLIC)) {
      return null;
    }
    Role required = null;
    for (RouteRole declared : roles) {
      Role role = ((Access) declared).role();
      if (required == null || role.includes(required)) {
        required = role;
      }
    }
    return required == null ? Role.ADMIN : required;
  }
}
