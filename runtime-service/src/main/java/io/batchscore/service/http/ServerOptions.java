package io.batchscore.service.http;

import io.batchscore.service.api.ServerAddress;
import java.nio.file.Path;

/**
 * How {@code batchscore serve} listens.
 *
 * @param host the address to bind ({@code 127.0.0.1} unless told otherwise)
 * @param port the port, 0 for a free one
 * @param tlsCertificate a PEM certificate chain for HTTPS, or {@code null} for plain HTTP
 * @param tlsKey the PEM private key of {@code tlsCertificate}, or {@code null}
 * @param maxRequestBytes larger request bodies are answered 413
 * @param maxUploadBytes larger uploads ({@code POST /uploads/KIND}), as sent or unpacked, are
 *     answered 413
 * @param publicUrl the address clients reach the server at, which scoring URIs start with, or
 *     {@code null} for the bound one
 */
public record ServerOptions(
    String host,
    int port,
    Path tlsCertificate,
    Path tlsKey,
    long maxRequestBytes,
    long maxUploadBytes,
    String publicUrl) {

  /** The default request size limit: 1 MiB (a request names data, it does not carry it). */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 1L << 20;

  /** The default upload limit: 1 GiB (a model, scorer code or data folder). */
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 1L << 30;

  /** Checks that the TLS files come as a pair, the limits and the public address. */
  public ServerOptions {
    if ((tlsCertificate == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    if (maxRequestBytes <= 0) {
      throw new IllegalArgumentException("--max-request-bytes must be positive");
    }
    if (maxUploadBytes <= 0) {
      throw new IllegalArgumentException("--max-upload-bytes must be positive");
    }
    publicUrl = publicUrl == null ? null : ServerAddress.check("--public-url", publicUrl);
  }

  /**
   * Options with the default upload limit and no public address of their own.
   *
   * @param host the address to bind
   * @param port the port, 0 for a free one
   * @param tlsCertificate a PEM certificate chain, or {@code null}
   * @param tlsKey its private key, or {@code null}
   * @param maxRequestBytes larger request bodies are answered 413
   */
  public ServerOptions(
      String host, int port, Path tlsCertificate, Path tlsKey, long maxRequestBytes) {
    this(host, port, tlsCertificate, tlsKey, maxRequestBytes, DEFAULT_MAX_UPLOAD_BYTES, null);
  }

  /**
   * @param host the address to bind
   * @param port the port, 0 for a free one
   * @return plain HTTP with the default size limits
   */
  public static ServerOptions plain(String host, int port) {
    return new ServerOptions(host, port, null, null, DEFAULT_MAX_REQUEST_BYTES);
  }

  /** @return whether the server speaks HTTPS */
  public boolean tls() {
    return tlsCertificate != null;
  }
}
