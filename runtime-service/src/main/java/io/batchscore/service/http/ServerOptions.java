package io.batchscore.service.http;

import java.nio.file.Path;

/**
 * How {@code batchscore serve} listens.
 *
 * @param host the address to bind ({@code 127.0.0.1} unless told otherwise)
 * @param port the port, 0 for a free one
 * @param tlsCertificate a PEM certificate chain for HTTPS, or {@code null} for plain HTTP
 * @param tlsKey the PEM private key of {@code tlsCertificate}, or {@code null}
 * @param maxRequestBytes larger request bodies are answered 413
 */
public record ServerOptions(String host, int port, Path tlsCertificate, Path tlsKey,
    long maxRequestBytes) {

  /** The default request size limit: 1 MiB (a request names data, it does not carry it). */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 1L << 20;

  /** Checks that the TLS files come as a pair. */
  public ServerOptions {
    if ((tlsCertificate == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    if (maxRequestBytes <= 0) {
      throw new IllegalArgumentException("--max-request-bytes must be positive");
    }
  }

  /**
   * @param host the address to bind
   * @param port the port, 0 for a free one
   * @return plain HTTP with the default size limit
   */
  public static ServerOptions plain(String host, int port) {
    return new ServerOptions(host, port, null, null, DEFAULT_MAX_REQUEST_BYTES);
  }

  /** @return whether the server speaks HTTPS */
  public boolean tls() {
    return tlsCertificate != null;
  }
}
