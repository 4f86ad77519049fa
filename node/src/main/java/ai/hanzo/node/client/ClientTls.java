package ai.hanzo.node.client;

import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.iam.PemFiles;
import ai.hanzo.node.iam.TlsCredentials;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.ClientFactoryBuilder;

/** The CLI's TLS: which CAs it trusts for the node's certificate and which certificate it presents, if any. */
final class ClientTls {
  private ClientTls() {}

  /** @throws ConfigException when a file is missing or malformed, or only one of certificate and key is given */
  static ClientFactory factory(ClientSettings settings) {
    ClientFactoryBuilder builder = ClientFactory.builder();
    if (settings.tlsCa() != null) {
      var cas = PemFiles.certificates(settings.tlsCa(), "the CA file (--tls-ca)");
      builder.tlsCustomizer(ssl -> ssl.trustManager(cas));
    }
    if ((settings.tlsCert() == null) != (settings.tlsKey() == null)) {
      throw new ConfigException("a client certificate needs both --tls-cert and --tls-key");
    }
    if (settings.tlsCert() != null) {
      TlsCredentials mine = TlsCredentials.loadClient(settings.tlsCert(), settings.tlsKey());
      builder.tls(mine.key(), mine.chain());
    }
    return builder.build();
  }
}
