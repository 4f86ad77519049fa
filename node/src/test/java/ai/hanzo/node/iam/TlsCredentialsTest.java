package ai.hanzo.node.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.config.TlsConfig;
import ai.hanzo.node.testing.TestPki;
import ai.hanzo.node.testing.TestPki.KeyFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PEM certificates and keys as openssl writes them, and every way such a file can be wrong. */
class TlsCredentialsTest {
  private static final TestPki RSA = TestPki.rsa("rsa-ca");
  private static final TestPki EC = TestPki.ec("ec-ca");

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(KeyFormat.class)
  void readsRsaAndEcKeysInPkcs8AndTraditionalForm(KeyFormat format) throws Exception {
    for (TestPki pki : new TestPki[] {RSA, EC}) {
      TestPki.Issued server = pki.server();
      Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), server.certificate(), pki.caCertificate());
      Path key = TestPki.writeKey(dir.resolve("key.pem"), server.key(), format);
      Path ca = TestPki.writeCertificates(dir.resolve("ca.pem"), pki.caCertificate());
      assertThat(Files.readString(key)).contains(format == KeyFormat.PKCS8 ? "BEGIN PRIVATE KEY"
          : "BEGIN " + server.key().getAlgorithm() + " PRIVATE KEY");

      TlsCredentials tls = TlsCredentials.load(new TlsConfig(cert, key, ca));

      assertThat(tls.chain()).containsExactly(server.certificate(), pki.caCertificate());
      // load() already proved the key signs what the certificate verifies.
      assertThat(tls.key().getAlgorithm()).isEqualTo(server.key().getAlgorithm());
      assertThat(tls.clientCas()).containsExactly(pki.caCertificate());
    }
  }

  @Test
  void aKeyOfAnotherCertificateIsRefusedNamingBothFiles() throws Exception {
    Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), EC.server().certificate());
    Path key = TestPki.writeKey(dir.resolve("key.pem"), EC.server().key(), KeyFormat.PKCS8);
    assertThatThrownBy(() -> TlsCredentials.load(new TlsConfig(cert, key, null)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("the TLS key " + key + " does not belong to the certificate " + cert);
    Path rsaKey = TestPki.writeKey(dir.resolve("rsa.pem"), RSA.server().key(), KeyFormat.TRADITIONAL);
    assertThatThrownBy(() -> TlsCredentials.load(new TlsConfig(cert, rsaKey, null)))
        .hasMessageContaining("does not belong to the certificate");
  }

  @Test
  void missingGarbledAndEncryptedFilesAreReadableErrors() throws Exception {
    TestPki.Issued server = EC.server();
    Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), server.certificate());
    Path key = TestPki.writeKey(dir.resolve("key.pem"), server.key(), KeyFormat.PKCS8);
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n"
        + "-----END CERTIFICATE-----\n");
    Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
    Path encrypted = Files.writeString(dir.resolve("enc.pem"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
        + "MIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQIAAAAAAAAAAACAggA\n"
        + "-----END ENCRYPTED PRIVATE KEY-----\n");

    assertThatThrownBy(() -> TlsCredentials.load(new TlsConfig(dir.resolve("nope.pem"), key, null)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--tls-cert").hasMessageContaining("does not exist");
    assertThatThrownBy(() -> TlsCredentials.load(new TlsConfig(garbage, key, null)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("is not a PEM certificate file");
    assertThatThrownBy(() -> TlsCredentials.load(new TlsConfig(cert, empty, null)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("holds no PEM private key");
    assertThatThrownBy(() -> TlsCredentials.load(new TlsConfig(cert, cert, null)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("holds no PEM private key");
    assertThatThrownBy(() -> TlsCredentials.load(new TlsConfig(cert, encrypted, null)))
        .isInstanceOf(ConfigException.class).hasMessageMatching("(?s).*(is encrypted|not a readable PEM).*");
    assertThatThrownBy(() -> TlsCredentials.load(new TlsConfig(cert, key, empty)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--tls-client-ca");
    for (Throwable t : new Throwable[] {catchConfig(new TlsConfig(cert, garbage, null)),
        catchConfig(new TlsConfig(empty, key, null))}) {
      assertThat(t).isInstanceOf(ConfigException.class);
      assertThat(t.getMessage()).doesNotContain("\n");
    }
  }

  @Test
  void certificateAndKeyComeTogether() {
    assertThatThrownBy(() -> new TlsConfig(dir.resolve("c.pem"), null, null)).hasMessageContaining("--tls-key");
    assertThatThrownBy(() -> new TlsConfig(null, null, dir.resolve("ca.pem"))).hasMessageContaining("--tls-cert");
    assertThat(TlsConfig.NONE.enabled()).isFalse();
  }

  @Test
  void identityIsTheSanUriElseTheCommonName() {
    assertThat(CertificateIdentity.of(EC.client("ci-runner", "spiffe://hanzo/ci").certificate()))
        .isEqualTo("spiffe://hanzo/ci");
    assertThat(CertificateIdentity.of(EC.client("ops.example.com", null).certificate()))
        .isEqualTo("ops.example.com");
  }

  private static Throwable catchConfig(TlsConfig config) {
    try {
      TlsCredentials.load(config);
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }
}
