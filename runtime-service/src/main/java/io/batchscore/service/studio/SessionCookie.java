package io.batchscore.service.studio;

import io.javalin.http.Context;

/**
 * The studio's sign-in cookie: it holds the bearer token the user signed in with, so the server
 * keeps no session state and a revoked or expired token ends the session at once. The cookie is
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), limited to
 * {@code /studio}, Secure when the server speaks TLS, and lives until the browser closes.
 */
final class SessionCookie {

  /** The cookie's name. */
  static final String NAME = "batchscore_studio";

  private final boolean secure;

  /** @param secure whether the server speaks TLS (the cookie is then sent over HTTPS only) */
  SessionCookie(boolean secure) {
    this.secure = secure;
  }

  /**
   * @param token a verified bearer token
   * @return the {@code Set-Cookie} header's value that signs the browser in
   */
  String signIn(String token) {
    if (!token.chars().allMatch(SessionCookie::cookieSafe)) {
      throw new IllegalArgumentException("a token holds a character a cookie cannot carry");
    }
    return NAME + "=" + token + attributes();
  }

  /** @return the {@code Set-Cookie} header's value that signs the browser out */
  String signOut() {
    return NAME + "=" + attributes() + "; Max-Age=0";
  }

  /**
   * @param ctx a request
   * @return the token the cookie holds, or {@code null}
   */
  static String token(Context ctx) {
    String value = ctx.cookie(NAME);
    return value == null || value.isEmpty() ? null : value;
  }

  private String attributes() {
    return "; Path=/studio; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }

  private static boolean cookieSafe(int c) {
    return c > 0x20 && c < 0x7f && c != '"' && c != ',' && c != ';' && c != '\\';
  }
}
