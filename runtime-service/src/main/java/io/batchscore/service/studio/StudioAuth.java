package io.batchscore.service.studio;

import io.batchscore.service.auth.InvalidTokenException;
import io.batchscore.service.auth.Principal;
import io.batchscore.service.auth.Role;
import io.batchscore.service.auth.TokenVerifier;
import io.javalin.http.Context;

/**
 * Who is asking, for every studio route: the {@code Authorization: Bearer} header (scripts) or
 * the sign-in cookie (browsers), verified by the server's token verifier on every request, so a
 * revoked or expired token is refused at once. A state-changing request from a cookie session
 * must carry that session's CSRF token; then the user's role must be at least the route's.
 */
final class StudioAuth {

  /**
   * A verified caller.
   *
   * @param principal the token's holder
   * @param fromCookie whether the token came from the sign-in cookie (a browser session)
   * @param view what the pages show about the session
   */
  record Caller(Principal principal, boolean fromCookie, Views.Session view) {}

  private final TokenVerifier verifier;
  private final CsrfTokens csrf;
  private final SessionCookie cookie;

  StudioAuth(TokenVerifier verifier, CsrfTokens csrf, SessionCookie cookie) {
    this.verifier = verifier;
    this.csrf = csrf;
    this.cookie = cookie;
  }

  /**
   * Checks a request against a route's rules.
   *
   * @param ctx the request
   * @param required the least role of the route
   * @param changesState whether the route changes state (POST: CSRF checked for cookie sessions)
   * @return the caller
   * @throws StudioException 401 without a valid token (a GET from a browser is redirected to the
   *     sign-in page instead), 403 for a missing or foreign CSRF token or too low a role
   */
  Caller check(Context ctx, Role required, boolean changesState) {
    Caller caller = authenticate(ctx);
    if (caller == null) {
      String header = ctx.header("Authorization");
      if (!changesState && header == null) {
        if (SessionCookie.token(ctx) != null) {
          ctx.header("Set-Cookie", cookie.signOut());
        }
        throw new SignInRequired();
      }
      ctx.header("WWW-Authenticate", "Bearer realm=\"batchscore\"");
      throw new StudioException(401, "a valid token is required: sign in again");
    }
    if (changesState
        && caller.fromCookie()
        && !csrf.valid(caller.principal(), ctx.formParam(CsrfTokens.FIELD))) {
      throw StudioException.forbidden(
          "refused: the form's CSRF token is missing or belongs to"
              + " another session; reload the page and try again");
    }
    if (!caller.principal().role().includes(required)) {
      throw StudioException.forbidden(
          "refused: this needs the role "
              + required.wireName()
              + " or higher; you are signed in as "
              + caller.principal().role().wireName());
    }
    return caller;
  }

  /**
   * @param token a token typed on the sign-in page
   * @return its holder
   * @throws StudioException 401 when the token is not valid
   */
  Principal signIn(String token) {
    try {
      return verifier.verify(token == null ? "" : token.strip());
    } catch (InvalidTokenException e) {
      throw new StudioException(
          401, "that token is not valid (expired, revoked or not from" + " this workspace)");
    }
  }

  private Caller authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    boolean fromCookie = header == null;
    String token;
    if (header != null) {
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return null;
      }
      token = header.substring(7).trim();
    } else {
      token = SessionCookie.token(ctx);
      if (token == null) {
        return null;
      }
    }
    try {
      Principal p = verifier.verify(token);
      return new Caller(p, fromCookie, Views.Session.of(p, csrf.tokenFor(p)));
    } catch (InvalidTokenException e) {
      return null;
    }
  }

  /** A browser's page request without a valid session: it goes to the sign-in page. */
  static final class SignInRequired extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SignInRequired() {
      super("sign in required", null, false, false);
    }
  }
}
