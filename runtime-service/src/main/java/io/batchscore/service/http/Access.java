package io.batchscore.service.http;

import io.batchscore.service.auth.Role;
import io.javalin.security.RouteRole;

/**
 * Who may call a route, declared with the route. A route that declares nothing needs {@link
 * #ADMIN}: forgetting to declare access never opens a route.
 */
public enum Access implements RouteRole {
  /** No token needed ({@code /health}, {@code /openapi.json}). */
  PUBLIC(null),
  /** A token of any role. */
  READER(Role.READER),
  /** An invoker's or admin's token. */
  INVOKER(Role.INVOKER),
  /** An admin's token. */
  ADMIN(Role.ADMIN);

  private final Role role;

  Access(Role role) {
    this.role = role;
  }

  /** @return the least role that may call the route, or {@code null} for a public route */
  public Role role() {
    return role;
  }
}
