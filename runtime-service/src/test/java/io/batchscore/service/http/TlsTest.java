package io.batchscore.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batchscore.service.auth.InvalidTokenException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files, with a self-signed certificate this test makes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsTest {

  @TempDir Path dir;

  @Test
  void theServerSpeaksHttpsWithTheGivenCertificateOnly() throws Exception {
    Path cert = dir.resolve("server.crt");
    Path key = dir.resolve("server.key");
    X509Certificate certificate = selfSigned(cert, key);
    try (ApiServer server =
        ApiServer.start(
            new ServerOptions("127.0.0.1", 0, cert, key, ServerOptions.DEFAULT_MAX_REQUEST_BYTES),
            token -> {
              throw new InvalidTokenException("none");
            },
            null,
            List.of())) {
      assertThat(server.address()).startsWith("https://127.0.0.1:");
      HttpClient trusting = trusting(certificate);
      HttpResponse<String> health =
          trusting.send(
              HttpRequest.newBuilder(URI.create(server.address() + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      HttpResponse<String> metrics =
          trusting.send(
              HttpRequest.newBuilder(URI.create(server.address() + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(401);

      HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      assertThatThrownBy(
              () ->
                  untrusting.send(
                      HttpRequest.newBuilder(URI.create(server.address() + "/health")).build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);
      assertNoPlainHttp("http://127.0.0.1:" + server.port() + "/health");
    }
  }

  @Test
  void anUnreadableKeyIsNamed() throws Exception {
    Path cert = Files.writeString(dir.resolve("c.pem"), "nothing");
    Path key = Files.writeString(dir.resolve("k.pem"), "nothing");
    assertThatThrownBy(() -> TlsConnector.keyStore(cert, key)).hasMessageContaining("c.pem");
  }

  /**
   * Writes a self-signed certificate for 127.0.0.1 and its private key as PEM files.
   *
   * @return the certificate
   */
  static X509Certificate selfSigned(Path cert, Path key) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=127.0.0.1");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.ONE,
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            name,
            pair.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    try (Writer out = Files.newBufferedWriter(cert);
        JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(certificate);
    }
    try (Writer out = Files.newBufferedWriter(key);
        JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(pair.getPrivate());
    }

    return certificate;
  }

  /** @return a client that trusts only this certificate */
  static HttpClient trusting(X509Certificate certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", certificate);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, factory.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Checks that a plain HTTP request to an HTTPS port gets no answer. */
  static void assertNoPlainHttp(String url) {
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .statusCode())
        .as("no plain HTTP answer from %s", url)
        .isInstanceOf(java.io.IOException.class);
  }
}
