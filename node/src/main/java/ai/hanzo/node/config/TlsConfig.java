package ai.hanzo.node.config;

import java.nio.file.Path;

/**
 * TLS of the gRPC and HTTP listeners: both serve TLS when a certificate is configured, and with a client CA they
 * ask callers for a certificate and verify it against that CA. The certificate is optional for callers, so API-key
 * and token clients without one still connect; a certificate that is presented must verify, or the handshake fails.
 *
 * @param certFile PEM certificate chain, server certificate first; {@code null}: plain text
 * @param keyFile PEM private key of that certificate (PKCS#8, PKCS#1 RSA or SEC1 EC)
 * @param clientCaFile PEM certificates of the CAs that issue client certificates; {@code null}: none requested
 */
public record TlsConfig(Path certFile, Path keyFile, Path clientCaFile) {
  public static final TlsConfig NONE = new TlsConfig(null, null, null);

  public TlsConfig {
    if ((certFile == null) != (keyFile == null)) {
      throw new ConfigException("TLS needs both --tls-cert and --tls-key (env HANZO_TLS_CERT, HANZO_TLS_KEY); "
          + "only " + (certFile == null ? "the key" : "the certificate") + " is set");
    }
    if (clientCaFile != null && certFile == null) {
      throw new ConfigException("--tls-client-ca needs TLS: set --tls-cert and --tls-key too");
    }
  }

  public boolean enabled() {
    return certFile != null;
  }

  public boolean verifiesClients() {
    return clientCaFile != null;
  }
}
