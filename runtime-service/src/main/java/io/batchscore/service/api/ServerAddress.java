package io.batchscore.service.api;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The address clients reach a {@code batchscore serve} at, which scoring URIs start with ({@code
 * serve --public-url}, {@code workspace update --server-address}): {@code http(s)://HOST[:PORT]}
 * with an optional path prefix (a reverse proxy's), no query, fragment or user info, and not a
 * wildcard address such as {@code 0.0.0.0} that no client can reach.
 */
public final class ServerAddress {

  private ServerAddress() {}

  /**
   * @param option the option or key that gave it, for the message
   * @param address the address as given
   * @return it without a trailing {@code /}
   * @throws WorkspaceException (bad request) naming the option and what is wrong
   */
  public static String check(String option, String address) {
    URI uri;
    try {
      uri = new URI(address.strip());
    } catch (URISyntaxException e) {
      throw bad(option, address, "is not a URL");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw bad(option, address, "must start with http:// or https://");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw bad(option, address, "needs a host name and no user name");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw bad(option, address, "must have no query or fragment");
    }
    String host = uri.getHost();
    if (host.equals("0.0.0.0") || host.equals("[::]") || host.equals("::")) {
      throw bad(
          option,
          address,
          "is a wildcard address that clients cannot reach; name the" + " host clients use");
    }
    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  private static WorkspaceException bad(String option, String address, String why) {
    return WorkspaceException.badRequest(
        option
            + ": '"
            + address
            + "' "
            + why
            + " (e.g. https://batch.example.com or http://10.0.0.5:8765)");
  }
}
