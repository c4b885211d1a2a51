package io.batchscore.service.http;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * An HTTPS connector from PEM files: a certificate chain ({@code --tls-cert}) and its private key
 * ({@code --tls-key}, PKCS#8 or the older PKCS#1/SEC1 forms OpenSSL writes, read with Bouncy
 * Castle's PEM parser). With TLS the server listens on HTTPS only.
 */
final class TlsConnector {

  /** Protects the key store only in memory; it is never written anywhere. */
  private static final char[] IN_MEMORY = "in-memory".toCharArray();

  private TlsConnector() {}

  /**
   * @param certificate the PEM certificate chain, server certificate first
   * @param key the PEM private key, unencrypted
   * @return a key store holding the key and chain under the alias {@code server}
   * @throws IllegalArgumentException naming the file that cannot be read
   */
  static KeyStore keyStore(Path certificate, Path key) {
    try {
      Collection<? extends Certificate> chain;
      try (var in = Files.newInputStream(certificate)) {
        chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("--tls-cert " + certificate + ": no certificate in it");
      }
      PrivateKey privateKey = privateKey(key);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", privateKey, IN_MEMORY, chain.toArray(new Certificate[0]));
      return store;
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "--tls-cert "
              + certificate
              + " / --tls-key "
              + key
              + ": cannot be read as PEM ("
              + e.getMessage()
              + ")");
    }
  }

  private static PrivateKey privateKey(Path key) throws IOException {
    Object parsed;
    try (Reader reader = Files.newBufferedReader(key);
        PEMParser parser = new PEMParser(reader)) {
      parsed = parser.readObject();
    }
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    if (parsed instanceof PEMKeyPair pair) {
      return converter.getKeyPair(pair).getPrivate();
    }
    if (parsed instanceof PrivateKeyInfo info) {
      return converter.getPrivateKey(info);
    }
    throw new IllegalArgumentException("--tls-key " + key + ": no unencrypted private key in it");
  }

  /**
   * @param store the key store from {@link #keyStore}
   * @param host the address to bind
   * @param port the port, 0 for a free one
   * @return a function that makes the HTTPS connector for Javalin's Jetty server
   */
  static java.util.function.BiFunction<Server, HttpConfiguration, Connector> connector(
      KeyStore store, String host, int port) {
    return (server, http) -> {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(store);
      ssl.setKeyStorePassword(new String(IN_MEMORY));
      ssl.setKeyManagerPassword(new String(IN_MEMORY));
      HttpConfiguration https = new HttpConfiguration(http);
      https.addCustomizer(new SecureRequestCustomizer(false));
      ServerConnector connector =
          new ServerConnector(
              server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
      connector.setHost(host);
      connector.setPort(port);
      return connector;
    };
  }
}
