package io.batchscore.service.studio;

import io.batchscore.service.auth.Principal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens for the studio's forms: an HMAC-SHA256, under a key made when the server starts, of
 * the signed-in token's id and subject. A form's token is valid only for the session it was
 * rendered in, and only until the server restarts; nothing is stored.
 */
final class CsrfTokens {

  /** The form field that carries the token. */
  static final String FIELD = "csrf";

  private final SecretKeySpec key;

  CsrfTokens() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    key = new SecretKeySpec(bytes, "HmacSHA256");
  }

  /**
   * @param who the signed-in user
   * @return the token that user's forms carry
   */
  String tokenFor(Principal who) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] sum =
          mac.doFinal((who.tokenId() + "\n" + who.subject()).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  /**
   * @param who the signed-in user
   * @param given the token a form sent, or {@code null}
   * @return whether it is that user's token (compared in constant time)
   */
  boolean valid(Principal who, String given) {
    if (given == null) {
      return false;
    }
    return MessageDigest.isEqual(
        tokenFor(who).getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.UTF_8));
  }
}
