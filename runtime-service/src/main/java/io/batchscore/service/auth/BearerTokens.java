package io.batchscore.service.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import java.text.ParseException;
import java.util.Base64;

/**
 * The server's verifier: a token signed with HS256 goes to the workspace's {@link LocalTokens};
 * any other algorithm to the identity provider's {@link OidcTokens} when one is configured, and is
 * refused otherwise.
 */
public final class BearerTokens implements TokenVerifier {

  private final TokenVerifier local;
  private final TokenVerifier oidc;

  /**
   * @param local the workspace's tokens
   * @param oidc an identity provider's tokens, or {@code null} for none
   */
  public BearerTokens(TokenVerifier local, TokenVerifier oidc) {
    this.local = local;
    this.oidc = oidc;
  }

  @Override
  public Principal verify(String token) throws InvalidTokenException {
    JWSHeader header;
    try {
      String encoded = token.substring(0, Math.max(0, token.indexOf('.')));
      header =
          JWSHeader.parse(
              new String(
                  Base64.getUrlDecoder().decode(encoded), java.nio.charset.StandardCharsets.UTF_8));
    } catch (ParseException | IllegalArgumentException e) {
      throw new InvalidTokenException("malformed token");
    }
    if (JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
      return local.verify(token);
    }
    if (oidc == null) {
      throw new InvalidTokenException(
          "token algorithm " + header.getAlgorithm() + " and no identity provider configured");
    }
    return oidc.verify(token);
  }
}
