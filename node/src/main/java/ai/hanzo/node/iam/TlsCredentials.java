package ai.hanzo.node.iam;

import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.config.TlsConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate chain with its private key, and the CAs that client certificates must chain to, read and checked
 * before anything listens.
 *
 * @param clientCas empty when client certificates are not requested
 */
public record TlsCredentials(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> clientCas) {
  private static final byte[] PROBE = "hanzo-node key check".getBytes(StandardCharsets.UTF_8);

  public TlsCredentials {
    chain = List.copyOf(chain);
    clientCas = List.copyOf(clientCas);
  }

  /** @throws ConfigException naming the file that is missing, malformed or does not match */
  public static TlsCredentials load(TlsConfig config) {
    List<X509Certificate> chain = PemFiles.certificates(config.certFile(), "the TLS certificate (--tls-cert)");
    PrivateKey key = PemFiles.privateKey(config.keyFile(), "the TLS key (--tls-key)");
    requireMatch(key, chain.get(0), config.keyFile(), config.certFile());
    List<X509Certificate> cas = config.clientCaFile() == null ? List.of()
        : PemFiles.certificates(config.clientCaFile(), "the client CA file (--tls-client-ca)");
    return new TlsCredentials(key, chain, cas);
  }

  /** A client's certificate and key (the CLI's --tls-cert/--tls-key); no CAs. */
  public static TlsCredentials loadClient(Path certFile, Path keyFile) {
    List<X509Certificate> chain = PemFiles.certificates(certFile, "the client certificate (--tls-cert)");
    PrivateKey key = PemFiles.privateKey(keyFile, "the client key (--tls-key)");
    requireMatch(key, chain.get(0), keyFile, certFile);
    return new TlsCredentials(key, chain, List.of());
  }

  /** Signs a probe with the key and verifies it with the certificate: a mismatched pair fails here, not in a handshake. */
  private static void requireMatch(PrivateKey key, X509Certificate cert, Path keyFile, Path certFile) {
    PublicKey publicKey = cert.getPublicKey();
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> throw new ConfigException("the TLS key " + keyFile + " is a " + key.getAlgorithm()
          + " key; use an RSA, EC or Ed25519 key");
    };
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // A key of another type than the certificate's lands here too.
    }
    throw new ConfigException("the TLS key " + keyFile + " does not belong to the certificate " + certFile);
  }
}
