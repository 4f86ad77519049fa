package ai.hanzo.node.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A throw-away certificate authority for tests: issues server and client certificates (valid, expired, with a SAN
 * URI or only a CN) and writes them as PEM files the way openssl would.
 */
public final class TestPki {
  /** How a private key is written: PKCS#8 ({@code BEGIN PRIVATE KEY}) or the algorithm's own form (PKCS#1/SEC1). */
  public enum KeyFormat { PKCS8, TRADITIONAL }

  /** A certificate with its key. */
  public record Issued(X509Certificate certificate, PrivateKey key) {}

  private final AtomicLong serial = new AtomicLong(1);
  private final Issued ca;
  private final String keyAlgorithm;

  private TestPki(String name, String keyAlgorithm) {
    this.keyAlgorithm = keyAlgorithm;
    KeyPair pair = newKeyPair();
    X500Name subject = new X500Name("CN=" + name);
    this.ca = new Issued(sign(subject, pair, subject, pair.getPrivate(), Instant.now().minus(Duration.ofHours(1)),
        Instant.now().plus(Duration.ofDays(1)), true, null), pair.getPrivate());
  }

  /** A CA with RSA keys. */
  public static TestPki rsa(String name) {
    return new TestPki(name, "RSA");
  }

  /** A CA with P-256 keys. */
  public static TestPki ec(String name) {
    return new TestPki(name, "EC");
  }

  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  /** A server certificate for 127.0.0.1 and localhost. */
  public Issued server() {
    GeneralNames names = new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")});
    return issue("CN=localhost", names, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
  }

  /** A client certificate; {@code uri} becomes a URI SAN when not {@code null}. */
  public Issued client(String commonName, String uri) {
    GeneralNames names = uri == null ? null : new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
    return issue("CN=" + commonName, names, Instant.now().minus(Duration.ofHours(1)),
        Instant.now().plus(Duration.ofDays(1)));
  }

  /** A client certificate that expired an hour ago. */
  public Issued expiredClient(String commonName) {
    return issue("CN=" + commonName, null, Instant.now().minus(Duration.ofDays(2)),
        Instant.now().minus(Duration.ofHours(1)));
  }

  private Issued issue(String subject, GeneralNames names, Instant from, Instant to) {
    KeyPair pair = newKeyPair();
    X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    return new Issued(sign(new X500Name(subject), pair, issuer, ca.key(), from, to, false, names), pair.getPrivate());
  }

  private X509Certificate sign(X500Name subject, KeyPair pair, X500Name issuer, PrivateKey issuerKey, Instant from,
      Instant to, boolean isCa, GeneralNames names) {
    try {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
          BigInteger.valueOf(serial.getAndIncrement()), Date.from(from), Date.from(to), subject, pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      builder.addExtension(Extension.keyUsage, true, isCa ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
          : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      if (names != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, names);
      }
      String algorithm = "RSA".equals(keyAlgorithm) ? "SHA256withRSA" : "SHA256withECDSA";
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue a test certificate", e);
    }
  }

  private KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
      if ("RSA".equals(keyAlgorithm)) {
        generator.initialize(2048);
      } else {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the certificates, in order, to one PEM file. */
  public static Path writeCertificates(Path file, X509Certificate... certificates) throws IOException {
    List<Object> objects = new ArrayList<>(List.of(certificates));
    return write(file, objects);
  }

  public static Path writeKey(Path file, PrivateKey key, KeyFormat format) throws IOException {
    if (format == KeyFormat.PKCS8) {
      return write(file, List.of(new JcaPKCS8Generator(key, null)));
    }
    if ("EC".equals(key.getAlgorithm())) {
      // As openssl writes SEC1: the curve inside the key structure (Bouncy Castle's writer leaves it out).
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
      ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
      ECPrivateKey sec1 = new ECPrivateKey(256, inner.getKey(), info.getPrivateKeyAlgorithm().getParameters());
      return write(file, List.of(new PemObject("EC PRIVATE KEY", sec1.getEncoded())));
    }
    return write(file, List.of(key));
  }

  private static Path write(Path file, List<Object> objects) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      for (Object o : objects) {
        pem.writeObject(o);
      }
    }
    return Files.writeString(file, text.toString());
  }
}
