package ai.hanzo.node.iam;

import ai.hanzo.node.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads the PEM files an operator points TLS at. Every problem becomes a {@link ConfigException} naming the file
 * and what is wrong with it, so a bad file stops the node with one readable line instead of a handshake failure
 * later. Bouncy Castle parses the keys because the JDK reads only PKCS#8, while openssl hands out PKCS#1 RSA and
 * SEC1 EC keys just as often.
 */
public final class PemFiles {
  private PemFiles() {}

  /** Every certificate in the file, in order; at least one. */
  public static List<X509Certificate> certificates(Path file, String what) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> certs = new ArrayList<>();
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certs.add((X509Certificate) c);
      }
      if (certs.isEmpty()) {
        throw new ConfigException(what + " " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
      }
      return List.copyOf(certs);
    } catch (IOException e) {
      throw unreadable(file, what, e);
    } catch (CertificateException e) {
      throw new ConfigException(what + " " + file + " is not a PEM certificate file: " + e.getMessage());
    }
  }

  /** The first private key in the file: PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted. */
  public static PrivateKey privateKey(Path file, String what) {
    try (Reader reader = Files.newBufferedReader(file); PEMParser pem = new PEMParser(reader)) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (o instanceof PEMKeyPair pair) {
          return converter.getPrivateKey(withCurveNamed(pair.getPrivateKeyInfo()));
        }
        if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
          throw new ConfigException(what + " " + file + " is encrypted; decrypt it first, e.g. "
              + "`openssl pkey -in KEY -out KEY.pem`");
        }
        // Anything else (EC parameters before the key, a certificate) is skipped.
      }
      throw new ConfigException(what + " " + file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----, "
          + "-----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----)");
    } catch (PEMException e) {
      throw new ConfigException(what + " " + file + " is not a readable PEM private key: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConfigException ce) {
        throw ce;
      }
      throw unreadable(file, what, e);
    }
  }

  /**
   * A SEC1 key ({@code BEGIN EC PRIVATE KEY}) carries its curve inside the key structure; the JDK's key factory
   * wants it in the algorithm identifier as well.
   */
  private static PrivateKeyInfo withCurveNamed(PrivateKeyInfo info) throws IOException {
    AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm()) || algorithm.getParameters() != null
        && !(algorithm.getParameters() instanceof ASN1Null)) {
      return info;
    }
    ECPrivateKey sec1 = ECPrivateKey.getInstance(info.parsePrivateKey());
    if (sec1.getParametersObject() == null) {
      throw new PEMException("the EC key names no curve");
    }
    return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
        sec1.getParametersObject()), sec1);
  }

  private static ConfigException unreadable(Path file, String what, Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return new ConfigException(what + " " + file + " does not exist");
    }
    return new ConfigException(what + " " + file + " cannot be read: " + e.getMessage());
  }
}
